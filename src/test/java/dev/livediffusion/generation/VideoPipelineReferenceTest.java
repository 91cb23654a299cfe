package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed-context sampling loop against {@code training/fixtures/tiny_video_model.py}'s independent reference:
 * anchor, recent frames, history average, per-step noise seeds and a prompt change mid-video.
 */
class VideoPipelineReferenceTest {

    private static final Path FOLDER = Path.of("src/test/resources/models/tiny-video");

    @Test
    void reproducesTheReferenceVideoFrameByFrame() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(FOLDER.resolve("reference.json").toFile());
        int width = reference.path("width").asInt();
        int height = reference.path("height").asInt();
        try (VideoPipeline pipeline = PipelineLoader.loadVideo(new ModelFolder(FOLDER),
                PipelineOptions.onCpu(2, width, height, 1))) {
            VideoContext video = pipeline.startVideo(reference.path("seed").asLong());
            for (int i = 0; i < reference.path("frames").size(); i++) {
                Tensor image = pipeline.render(video, reference.path("prompts").get(i).asText(), new Stopwatch()).image();
                float[] expected = ReferenceImages.read(FOLDER.resolve(reference.path("frames").get(i).path("image").asText()));
                double relative = ReferenceImages.relativeError(image, expected);
                assertTrue(relative <= 1e-3, "frame " + i + ": relative error " + relative);
            }
        }
    }

    @Test
    void aPromptChangeChangesOnlyTheFollowingFrames() throws IOException {
        try (VideoPipeline pipeline = PipelineLoader.loadVideo(new ModelFolder(FOLDER), PipelineOptions.onCpu(2, 64, 64, 1))) {
            VideoContext steady = pipeline.startVideo(9);
            VideoContext steered = pipeline.startVideo(9);
            for (int i = 0; i < 4; i++) {
                byte[] a = pipeline.nextFrame(steady, "a photo of a cat").encoded();
                byte[] b = pipeline.nextFrame(steered, i < 2 ? "a photo of a cat" : "the city at night").encoded();
                if (i < 2) {
                    assertArrayEquals(a, b, "frame " + i + " before the change");
                } else {
                    assertFalse(Arrays.equals(a, b), "frame " + i + " after the change");
                }
            }
        }
    }
}
