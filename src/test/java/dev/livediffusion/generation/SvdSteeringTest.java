package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Steering an SVD clip by typing: a prompt changed during section 0 leaves section 0 as it was, and section 1 is the
 * section of the last frame redrawn by the image model's image-to-image for the new prompt, anchored on that picture.
 */
class SvdSteeringTest {

    private static final Path IMAGE = Path.of("src/test/resources/models/tiny-sd-turbo");
    private static final Path SVD = Path.of("src/test/resources/models/tiny-animatelcm-svd");
    private static final String PROMPT = "a photo of a cat";
    private static final String STEERED = "a watercolour of a lighthouse";
    private static final long SEED = 7;

    @Test
    void aChangedPromptConditionsTheNextSectionOnTheRedrawnLastFrame() throws IOException {
        PipelineOptions options = PipelineOptions.onCpu(2, 64, 64, 1);
        try (TurboImagePipeline image = PipelineLoader.load(new ModelFolder(IMAGE), options);
             VideoPipeline video = PipelineLoader.loadVideo(new ModelFolder(SVD), options);
             SvdVideoPipeline svd = PipelineLoader.loadSvd(new ModelFolder(SVD), options)) {
            int frames = svd.frames();
            VideoStarts starts = new VideoStarts(image, video);
            List<Tensor> unsteered = clip(video, starts.start(SEED, PROMPT, FirstFrame.IMAGE, Map.of()), frames, -1);
            List<Tensor> steered = clip(video, starts.start(SEED, PROMPT, FirstFrame.IMAGE, Map.of()), frames, 1);

            for (int f = 0; f < frames; f++) {
                assertArrayEquals(unsteered.get(f).values(), steered.get(f).values(), "frame " + f + " was made before");
            }
            assertFalse(Arrays.equals(unsteered.get(frames).values(), steered.get(frames).values()),
                    "the steered section differs from the unsteered one");

            long section1 = SEED ^ 0x9E3779B97F4A7C15L;
            TurboImagePipeline.Frame redrawn = image.render(List.of(new ImageRequest(STEERED, section1,
                    new ImageToImage(FrameEncoder.toImage(steered.get(frames - 1), 0), SvdPictures.STEERING_STRENGTH))),
                    new Stopwatch()).frames().get(0);
            Tensor picture = pictureOf(redrawn);
            Tensor expected = svd.section(picture, null, section1, svd.defaults());
            for (int f = 0; f < frames; f++) {
                assertArrayEquals(expected.slice(f, 1).values(), steered.get(frames + f).values(), "frame " + (frames + f));
            }
            Tensor oldAnchor = svd.embed(pictureOf(image.render(List.of(new ImageRequest(PROMPT, SEED)), new Stopwatch())
                    .frames().get(0)));
            assertFalse(Arrays.equals(svd.section(picture, oldAnchor, section1, svd.defaults()).values(), expected.values()),
                    "re-anchoring is seen: frame 0's anchor would give other frames");
        }
    }

    /** An image model's picture at the video's size, as the clip takes it. */
    private static Tensor pictureOf(TurboImagePipeline.Frame frame) {
        return new ImageToImage(FrameEncoder.toImage(frame.chunk(), frame.index()), 1).pixels(64, 64);
    }

    /**
     * The clip's first two sections, the prompt changed to {@link #STEERED} once {@code steerAfter} frames are made
     * (-1: never); only a section's first frame takes the prompt in force.
     */
    private static List<Tensor> clip(VideoPipeline video, VideoContext clip, int frames, int steerAfter) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < 2 * frames; i++) {
            assertEquals(i % frames == 0, clip.nextFrameTakesPrompt(), "frame " + i);
            String prompt = steerAfter >= 0 && i >= steerAfter ? STEERED : PROMPT;
            out.add(video.render(clip, prompt, new Stopwatch()).image());
        }
        return out;
    }
}
