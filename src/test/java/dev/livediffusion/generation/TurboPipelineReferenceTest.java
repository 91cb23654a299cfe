package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.generation.tokenizer.ClipTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java pipeline against the independent Python reference of {@code training/fixtures/turbo_reference.py}: tiny
 * random models in the SD-Turbo and SDXL-Turbo layouts, both timestep conventions, a TAESD-style decoder,
 * one step and Euler ancestral over 2 to 4 steps, to 1e-3 relative error.
 */
class TurboPipelineReferenceTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, TurboImagePipeline> PIPELINES = new HashMap<>();

    @TestFactory
    List<DynamicTest> reproducesEveryReferenceImage() throws IOException {
        return Files.readAllLines(MODELS.resolve("reference.jsonl")).stream().filter(l -> !l.isBlank())
                .map(line -> {
                    try {
                        JsonNode c = JSON.readTree(line);
                        return DynamicTest.dynamicTest(c.path("model").asText() + ": \"" + c.path("prompt").asText()
                                + "\" seed " + c.path("seed").asText() + ", " + c.path("steps").asInt(1) + " step(s)",
                                () -> check(c));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private static void check(JsonNode c) throws IOException {
        Path folder = MODELS.resolve(c.path("model").asText());
        String prompt = c.path("prompt").asText();
        long seed = c.path("seed").asLong();
        int width = c.path("width").asInt();
        int height = c.path("height").asInt();
        int steps = c.path("steps").asInt(1);

        assertArrayEquals(ints(c.path("input_ids")),
                ClipTokenizer.load(folder.resolve("tokenizer")).encodeForModel(prompt, 77), "input_ids");
        if (c.has("input_ids_2")) {
            assertArrayEquals(ints(c.path("input_ids_2")),
                    ClipTokenizer.load(folder.resolve("tokenizer_2")).encodeForModel(prompt, 77), "input_ids_2");
        }
        float[] noise = SeededNoise.normal(seed, 1, 4, height / 8, width / 8).values();
        JsonNode head = c.path("noise_head");
        for (int i = 0; i < head.size(); i++) {
            assertEquals((float) head.get(i).asDouble(), noise[i], "noise value " + i);
        }

        TurboImagePipeline pipeline = PIPELINES.computeIfAbsent(folder + "@" + width + "x" + height + "/" + steps, key -> {
            try {
                return PipelineLoader.load(new ModelFolder(folder), PipelineOptions.onCpu(2, width, height, steps));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Tensor image = pipeline.render(List.of(new ImageRequest(prompt, seed)), new Stopwatch()).frames().get(0).chunk();
        double relative = ReferenceImages.relativeError(image, ReferenceImages.read(MODELS.resolve(c.path("image").asText())));
        assertTrue(relative <= 1e-3, "relative error " + relative);
    }

    /** Steps and size named per request, on a pipeline configured otherwise, give the same reference pictures. */
    @TestFactory
    List<DynamicTest> perRequestStepsAndSizeReproduceTheReference() throws IOException {
        return Files.readAllLines(MODELS.resolve("reference.jsonl")).stream().filter(l -> l.contains("\"steps\""))
                .map(line -> DynamicTest.dynamicTest(line.substring(0, 60), () -> {
                    JsonNode c = JSON.readTree(line);
                    Path folder = MODELS.resolve(c.path("model").asText());
                    TurboImagePipeline pipeline = PIPELINES.computeIfAbsent(folder + "@default", key -> {
                        try {
                            return PipelineLoader.load(new ModelFolder(folder), PipelineOptions.onCpu(2, 128, 128, 1));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    ImageParameters asked = ImageParameters.of(pipeline.info(), c.path("steps").asInt(),
                            c.path("width").asInt(), c.path("height").asInt());
                    Tensor image = pipeline.render(List.of(new ImageRequest(c.path("prompt").asText(),
                            c.path("seed").asLong(), null, asked)), new Stopwatch()).frames().get(0).chunk();
                    double relative = ReferenceImages.relativeError(image,
                            ReferenceImages.read(MODELS.resolve(c.path("image").asText())));
                    assertTrue(relative <= 1e-3, "relative error " + relative);
                })).toList();
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    @AfterAll
    static void close() {
        PIPELINES.values().forEach(TurboImagePipeline::close);
    }
}
