package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image-to-image against the independent Python reference ({@code training/fixtures/tiny_models.py}, cases in
 * {@code reference-img2img.jsonl}): the init PNG decoded, encoded by the tiny {@code vae_encoder} (both optimum
 * output conventions), noised to the strength's timestep, one or two Euler ancestral steps, decoded.
 */
class ImageToImageReferenceTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, TurboImagePipeline> PIPELINES = new HashMap<>();

    @TestFactory
    List<DynamicTest> reproducesEveryReferenceImage() throws IOException {
        return Files.readAllLines(MODELS.resolve("reference-img2img.jsonl")).stream().filter(l -> !l.isBlank())
                .map(line -> {
                    try {
                        JsonNode c = JSON.readTree(line);
                        return DynamicTest.dynamicTest(c.path("model").asText() + ": strength "
                                + c.path("strength").asDouble() + ", " + c.path("steps").asInt() + " step(s)",
                                () -> check(c));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private static void check(JsonNode c) throws IOException {
        double strength = c.path("strength").asDouble();
        FewStepSampler sampler = FewStepSampler.imageToImage(NoiseSchedule.fromConfig(JSON.createObjectNode()),
                c.path("steps").asInt(), strength);
        JsonNode timesteps = c.path("timesteps");
        assertEquals(timesteps.size(), sampler.steps(), "steps run");
        for (int k = 0; k < timesteps.size(); k++) {
            assertEquals(timesteps.get(k).asInt(), sampler.timestep(k), "timestep " + k);
        }
        ImageToImage init = new ImageToImage(
                InitImages.decode(Files.readAllBytes(MODELS.resolve(c.path("init_image").asText()))), strength);
        Tensor image = pipeline(c.path("model").asText(), c.path("steps").asInt()).render(List.of(
                new ImageRequest(c.path("prompt").asText(), c.path("seed").asLong(), init)), new Stopwatch())
                .frames().get(0).chunk();
        double relative = ReferenceImages.relativeError(image, ReferenceImages.read(MODELS.resolve(c.path("image").asText())));
        assertTrue(relative <= 1e-3, "relative error " + relative);
    }

    @Test
    void aFolderWithoutVaeEncoderRefusesImageToImage() throws IOException {
        TurboImagePipeline pipeline = pipeline("tiny-sdxl-turbo", 1);
        assertEquals(false, pipeline.info().imageToImage());
        ImageToImage init = new ImageToImage(
                InitImages.decode(Files.readAllBytes(MODELS.resolve("reference/init-64x64.png"))), 0.5);
        ImageToImageUnavailableException refused = assertThrows(ImageToImageUnavailableException.class,
                () -> pipeline.generate(new ImageRequest("a cat", 1, init)));
        assertTrue(refused.getMessage().contains("vae_encoder"), refused.getMessage());
    }

    private static TurboImagePipeline pipeline(String model, int steps) {
        return PIPELINES.computeIfAbsent(model + "/" + steps, key -> {
            try {
                return PipelineLoader.load(new ModelFolder(MODELS.resolve(model)), PipelineOptions.onCpu(2, 64, 64, steps));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void close() {
        PIPELINES.values().forEach(TurboImagePipeline::close);
    }
}
