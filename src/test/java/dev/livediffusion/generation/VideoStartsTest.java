package dev.livediffusion.generation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A video starts from the image model's picture exactly when the two models share a latent space: then its
 * frame 0 is that picture, and the video model continues from it.
 */
class VideoStartsTest {

    private static final Path IMAGE = Path.of("src/test/resources/models/tiny-sd-turbo");
    private static final Path VIDEO = Path.of("src/test/resources/models/tiny-video");
    private static final String PROMPT = "a photo of a cat";

    @Test
    void aVideoModelWithTheImageModelsDecoderStartsFromItsPicture(@TempDir Path temp) throws IOException {
        Path video = copy(VIDEO, temp.resolve("tiny-video-shared"));
        copy(IMAGE.resolve("vae_decoder"), video.resolve("vae_decoder"));
        try (TurboImagePipeline image = PipelineLoader.load(new ModelFolder(IMAGE), PipelineOptions.onCpu(2, 64, 64, 1));
             VideoPipeline videoPipeline = PipelineLoader.loadVideo(new ModelFolder(video), PipelineOptions.onCpu(2, 64, 64, 1))) {
            VideoStarts starts = new VideoStarts(image, videoPipeline);
            assertEquals(List.of(FirstFrame.IMAGE, FirstFrame.MODEL), starts.firstFrames());

            byte[] picture = image.generate(new ImageRequest(PROMPT, 5)).encoded();
            VideoContext fromPicture = starts.start(5, PROMPT, FirstFrame.IMAGE, Map.of());
            VideoContext drawn = starts.start(5, PROMPT, FirstFrame.MODEL, Map.of());
            assertArrayEquals(picture, videoPipeline.nextFrame(fromPicture, PROMPT).encoded(), "frame 0 is the picture");
            assertFalse(Arrays.equals(picture, videoPipeline.nextFrame(drawn, PROMPT).encoded()), "the video model's own frame 0");
            assertFalse(Arrays.equals(videoPipeline.nextFrame(fromPicture, PROMPT).encoded(), videoPipeline.nextFrame(drawn, PROMPT).encoded()),
                    "frame 1 continues from frame 0");
        }
    }

    @Test
    void modelsWithDifferentDecodersStartFromTheVideoModelOnly() throws IOException {
        try (TurboImagePipeline image = PipelineLoader.load(new ModelFolder(IMAGE), PipelineOptions.onCpu(2, 64, 64, 1));
             VideoPipeline videoPipeline = PipelineLoader.loadVideo(new ModelFolder(VIDEO), PipelineOptions.onCpu(2, 64, 64, 1))) {
            VideoStarts starts = new VideoStarts(image, videoPipeline);
            assertEquals(List.of(FirstFrame.MODEL), starts.firstFrames());
            assertThrows(IllegalArgumentException.class, () -> starts.start(5, PROMPT, FirstFrame.IMAGE, Map.of()));
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
