package dev.livediffusion.generation;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models the app ships (trained by training/, bundled under models/) load from the app's resources and
 * run through DJL: the image model draws the background its prompt names and the object where it says, at
 * 512x512, and gives the same pictures batched; the video model streams 512x512 frames and moves what it
 * shows the way the prompt says.
 */
class EmbeddedModelsTest {

    @Test
    void theImageModelDrawsTheBackgroundThePromptNames() throws IOException {
        ModelFolder folder = EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow();
        try (TurboImagePipeline pipeline = PipelineLoader.load(folder, PipelineOptions.onCpu(2, 512, 512, 1))) {
            double[] blue = borderColour(pipeline.generate(
                    new ImageRequest("a small red circle in the center on a blue background", 1)));
            double[] yellow = borderColour(pipeline.generate(
                    new ImageRequest("a small red circle in the center on a yellow background", 1)));

            assertTrue(blue[2] > blue[0] + 40 && blue[2] > blue[1] + 40, "blue background: " + describe(blue));
            assertTrue(yellow[0] > yellow[2] + 40 && yellow[1] > yellow[2] + 40, "yellow background: " + describe(yellow));
        }
    }

    @Test
    void theImageModelPutsTheNamedObjectWhereThePromptSays() throws IOException {
        ModelFolder folder = EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow();
        try (TurboImagePipeline pipeline = PipelineLoader.load(folder, PipelineOptions.onCpu(2, 512, 512, 1))) {
            for (String corner : List.of("top left", "bottom right")) {
                BufferedImage image = decode(pipeline.generate(
                        new ImageRequest("a large yellow circle at the " + corner + " on a blue background", 3)));
                int here = corner.equals("top left") ? 0 : 2;
                double[] named = cellColour(image, here, here);
                double[] opposite = cellColour(image, 2 - here, 2 - here);
                assertTrue(yellowness(named) > yellowness(opposite) + 60, corner + ": the named cell "
                        + describe(named) + ", the opposite one " + describe(opposite));
            }
        }
    }

    /** The graphs take any batch, so the live loop serves several clients in one engine call. */
    @Test
    void theImageModelGivesTheSamePicturesInOneBatch() throws IOException {
        ModelFolder folder = EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow();
        try (TurboImagePipeline pipeline = PipelineLoader.load(folder, PipelineOptions.onCpu(2, 512, 512, 1))) {
            List<ImageRequest> requests = List.of(new ImageRequest("three green squares on a white background", 5),
                    new ImageRequest("a big purple heart", 6), new ImageRequest("a", 7));
            assertTrue(pipeline.info().maxBatch() >= requests.size(), "batch " + pipeline.info().maxBatch());
            List<GeneratedImage> batched = pipeline.generateBatch(requests);
            for (int i = 0; i < requests.size(); i++) {
                double difference = meanDifference(decode(pipeline.generate(requests.get(i))), decode(batched.get(i)));
                assertTrue(difference < 0.5, "request " + i + " differs in the batch by " + difference + " per channel");
            }
        }
    }

    @Test
    void theVideoModelStreamsFramesAtFullSize() throws IOException {
        ModelFolder folder = EmbeddedModel.unpack(EmbeddedModel.VIDEO).orElseThrow();
        try (VideoPipeline pipeline = PipelineLoader.loadVideo(folder, PipelineOptions.onCpu(2, 512, 512, 1))) {
            VideoContext video = pipeline.startVideo(3);
            for (int i = 0; i < 3; i++) {
                BufferedImage frame = decode(pipeline.nextFrame(video, "a red circle moving right on a blue background"));
                assertEquals(512, frame.getWidth());
                assertEquals(512, frame.getHeight());
            }
        }
    }

    /**
     * Started from the image model's picture, as the app starts videos: two seconds of "moving right" and of
     * "moving left" carry the object that way at the world's speed (6 px a frame: 96 px in 16 frames).
     */
    @Test
    void theVideoModelMovesTheObjectTheWayThePromptSays() throws IOException {
        try (TurboImagePipeline image = PipelineLoader.load(EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow(),
                PipelineOptions.onCpu(2, 512, 512, 1));
             VideoPipeline video = PipelineLoader.loadVideo(EmbeddedModel.unpack(EmbeddedModel.VIDEO).orElseThrow(),
                     PipelineOptions.onCpu(2, 512, 512, 1))) {
            for (String way : List.of("right", "left")) {
                String prompt = "a yellow circle moving " + way + " in the center on a blue background";
                VideoContext moving = video.startVideo(11, prompt, FirstFrame.IMAGE, image, Map.of());
                double start = yellowCentreX(decode(video.nextFrame(moving, prompt)));
                for (int i = 1; i < 16; i++) {
                    video.nextFrame(moving, prompt);
                }
                double moved = yellowCentreX(decode(video.nextFrame(moving, prompt))) - start;
                double named = way.equals("right") ? moved : -moved;
                assertTrue(named > 80, prompt + ": moved " + moved + " px in 16 frames");
            }
        }
    }

    /**
     * What a half-typed prompt leaves open the seed decides: two seeds give two different clean pictures, each with
     * the object the prompt has named so far (its colour), instead of one blurred average.
     */
    @Test
    void theSeedDecidesWhatAHalfTypedPromptLeavesOpen() throws IOException {
        ModelFolder folder = EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow();
        try (TurboImagePipeline pipeline = PipelineLoader.load(folder, PipelineOptions.onCpu(2, 512, 512, 1))) {
            BufferedImage one = decode(pipeline.generate(new ImageRequest("a large yellow", 1)));
            BufferedImage two = decode(pipeline.generate(new ImageRequest("a large yellow", 2)));
            assertTrue(meanDifference(one, two) > 10, "seeds 1 and 2 differ by " + meanDifference(one, two));
            assertTrue(yellowPixels(one) > 5000 && yellowPixels(two) > 5000,
                    "a large yellow object in both: " + yellowPixels(one) + ", " + yellowPixels(two) + " yellow pixels");
        }
    }

    /** Ten seconds of a moving object: on frame 80 it is still there, in its colour, as large as on frame 1. */
    @Test
    void theVideoModelKeepsTheObjectForTenSeconds() throws IOException {
        try (VideoPipeline video = PipelineLoader.loadVideo(EmbeddedModel.unpack(EmbeddedModel.VIDEO).orElseThrow(),
                PipelineOptions.onCpu(2, 512, 512, 1))) {
            String prompt = "a large yellow square moving down on the left on a blue background";
            VideoContext moving = video.startVideo(5);
            int first = yellowPixels(decode(video.nextFrame(moving, prompt)));
            for (int i = 1; i < 79; i++) {
                video.nextFrame(moving, prompt);
            }
            int last = yellowPixels(decode(video.nextFrame(moving, prompt)));
            assertTrue(first > 5000 && last > first / 2, "yellow pixels on frame 1: " + first + ", on frame 80: " + last);
        }
    }

    private static int yellowPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (yellowness(new double[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff}) > 100) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Mean x of the clearly yellow pixels. */
    private static double yellowCentreX(BufferedImage image) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (yellowness(new double[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff}) > 100) {
                    sum += x;
                    count++;
                }
            }
        }
        assertTrue(count > 500, "a yellow object is in the frame (" + count + " yellow pixels)");
        return sum / count;
    }

    private static BufferedImage decode(GeneratedImage image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image.encoded()));
    }

    /** Mean RGB of a 24-pixel frame around the image, where the objects of these prompts are not. */
    private static double[] borderColour(GeneratedImage generated) throws IOException {
        BufferedImage image = decode(generated);
        assertEquals(512, image.getWidth());
        assertEquals(512, image.getHeight());
        double[] sum = new double[3];
        int count = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                if (x < 24 || y < 24 || x >= 488 || y >= 488) {
                    int rgb = image.getRGB(x, y);
                    sum[0] += (rgb >> 16) & 0xff;
                    sum[1] += (rgb >> 8) & 0xff;
                    sum[2] += rgb & 0xff;
                    count++;
                }
            }
        }
        return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
    }

    /** Mean RGB of one cell of the 3x3 grid the world's positions name. */
    private static double[] cellColour(BufferedImage image, int cellX, int cellY) {
        int size = image.getWidth() / 3;
        double[] sum = new double[3];
        for (int y = cellY * size; y < (cellY + 1) * size; y++) {
            for (int x = cellX * size; x < (cellX + 1) * size; x++) {
                int rgb = image.getRGB(x, y);
                sum[0] += (rgb >> 16) & 0xff;
                sum[1] += (rgb >> 8) & 0xff;
                sum[2] += rgb & 0xff;
            }
        }
        return new double[] {sum[0] / (size * size), sum[1] / (size * size), sum[2] / (size * size)};
    }

    /** Red and green over blue: high for yellow, low for the blue background. */
    private static double yellowness(double[] rgb) {
        return (rgb[0] + rgb[1]) / 2 - rgb[2];
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static String describe(double[] rgb) {
        return String.format("mean border RGB %.0f, %.0f, %.0f", rgb[0], rgb[1], rgb[2]);
    }
}
