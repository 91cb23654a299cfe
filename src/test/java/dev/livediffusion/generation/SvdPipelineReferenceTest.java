package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SVD-XT sections against {@code training/fixtures/svd_reference.py}'s independent reference: the tiny fp16 UNet in
 * TensorRT's contract, Euler (Karras, v-prediction) and AnimateLCM's consistency sampler, 1 to 4 steps, with and
 * without per-frame guidance, an anchor embedding, every frame to 1e-3 relative error.
 */
class SvdPipelineReferenceTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> reproducesEveryReferenceSection() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String folder : List.of("tiny-svd", "tiny-animatelcm-svd")) {
            for (JsonNode c : JSON.readTree(MODELS.resolve(folder).resolve("reference.json").toFile()).path("cases")) {
                tests.add(DynamicTest.dynamicTest(folder + ": seed " + c.path("seed").asLong() + ", " + c.path("steps").asInt()
                        + " step(s), guidance " + c.path("min_guidance_scale").asDouble() + ".."
                        + c.path("max_guidance_scale").asDouble() + (c.path("anchor").asBoolean() ? ", anchored" : ""),
                        () -> check(folder, c)));
            }
        }
        return tests;
    }

    private static void check(String name, JsonNode c) throws IOException {
        Path folder = MODELS.resolve(name);
        try (SvdVideoPipeline pipeline = PipelineLoader.loadSvd(new ModelFolder(folder), PipelineOptions.onCpu(2, 64, 64, 1))) {
            Path init = MODELS.resolve(c.path("conditioning").asText());
            Tensor picture = pixels(init, c.path("flip_conditioning").asBoolean());
            Tensor anchor = c.path("anchor").asBoolean() ? pipeline.embed(pixels(init, false)) : null;
            SvdSettings settings = new SvdSettings(c.path("steps").asInt(), c.path("fps").asInt(),
                    c.path("motion_bucket_id").asInt(), c.path("noise_aug_strength").asDouble(),
                    c.path("min_guidance_scale").asDouble(), c.path("max_guidance_scale").asDouble());
            Tensor frames = pipeline.section(picture, anchor, c.path("seed").asLong(), settings);
            assertEquals(c.path("shape").get(0).asInt(), frames.dim(0), "frames");
            float[] expected = ReferenceImages.read(folder.resolve(c.path("frames").asText()));
            int size = expected.length / (int) frames.dim(0);
            for (int f = 0; f < frames.dim(0); f++) {
                double relative = ReferenceImages.relativeError(frames.slice(f, 1),
                        Arrays.copyOfRange(expected, f * size, (f + 1) * size));
                assertTrue(relative <= 1e-3, "frame " + f + ": relative error " + relative);
            }
        }
    }

    /** A PNG as [1, 3, H, W] in [-1, 1] (p / 255 * 2 - 1), upside down where asked. */
    private static Tensor pixels(Path png, boolean flip) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, flip ? height - 1 - y : y);
                for (int ch = 0; ch < 3; ch++) {
                    values[ch * width * height + y * width + x] = (rgb >> (16 - 8 * ch) & 0xff) / 255f * 2f - 1f;
                }
            }
        }
        return new Tensor(values, new long[] {1, 3, height, width});
    }
}
