package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wan2.1 sections against {@code training/fixtures/wan_reference.py}'s independent reference: the tiny fp16
 * transformer in NVIDIA's contract, umT5's tokens by DJL's Hugging Face tokenizers, flow-matching Euler (shift 3) and
 * TurboDiffusion's rCM, 1 to 4 steps, with and without guidance (a negative prompt), a first section and one made
 * after another (the context rule, a new prompt), every frame to 1e-3 relative error.
 */
class WanPipelineReferenceTest {

    static final Path WAN = Path.of("src/test/resources/models/tiny-wan");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    @TestFactory
    List<DynamicTest> reproducesEveryReferenceSection() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : JSON.readTree(WAN.resolve("reference.json").toFile()).path("cases")) {
            int index = i++;
            tests.add(DynamicTest.dynamicTest(c.path("scheduler").asText() + ": seed " + c.path("seed").asLong() + ", "
                    + c.path("steps").asInt() + " step(s), \"" + c.path("prompt").asText() + "\""
                    + (c.has("after") ? " after \"" + c.path("after").asText() + "\"" : "")
                    + (c.has("guidance_scale") ? ", guidance " + c.path("guidance_scale").asDouble() : ""),
                    () -> check(c, index)));
        }
        return tests;
    }

    private static void check(JsonNode c, int number) throws IOException {
        Path folder = withScheduler(c.path("scheduler_config"), temp.resolve("case-" + number));
        if (c.has("guidance_scale")) {
            ObjectNode index = (ObjectNode) JSON.readTree(folder.resolve("model_index.json").toFile());
            index.put("guidance_scale", c.path("guidance_scale").asDouble()).put("negative_prompt", c.path("negative_prompt").asText());
            Files.writeString(folder.resolve("model_index.json"), JSON.writeValueAsString(index));
        }
        try (WanVideoPipeline pipeline = PipelineLoader.loadWan(new ModelFolder(folder), PipelineOptions.onCpu(2, 32, 32, 1))) {
            long[] tokens = StreamSupport.stream(c.path("tokens").spliterator(), false).mapToLong(JsonNode::asLong).toArray();
            assertArrayEquals(tokens, pipeline.tokens(c.path("prompt").asText()), "tokens");
            long seed = c.path("seed").asLong();
            int steps = c.path("steps").asInt();
            WanVideoPipeline.Section section;
            if (c.has("after")) {
                WanVideoPipeline.Section first = pipeline.section(c.path("after").asText(), ClipSections.sectionSeed(seed, 0), null, steps);
                section = pipeline.section(c.path("prompt").asText(), ClipSections.sectionSeed(seed, 1), first.context(), steps);
            } else {
                section = pipeline.section(c.path("prompt").asText(), seed, null, steps);
            }
            Tensor frames = frames(pipeline, section);
            assertEquals(c.path("shape").get(0).asInt(), frames.dim(0), "frames");
            float[] expected = ReferenceImages.read(WAN.resolve(c.path("frames").asText()));
            int size = expected.length / (int) frames.dim(0);
            for (int f = 0; f < frames.dim(0); f++) {
                double relative = ReferenceImages.relativeError(frames.slice(f, 1),
                        Arrays.copyOfRange(expected, f * size, (f + 1) * size));
                assertTrue(relative <= 1e-3, "frame " + f + ": relative error " + relative);
            }
        }
    }

    /** A section's frames, every chunk decoded, [F, 3, H, W]. */
    static Tensor frames(WanVideoPipeline pipeline, WanVideoPipeline.Section section) {
        List<Tensor> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < pipeline.chunks(section); chunk++) {
            chunks.add(pipeline.decode(section, chunk));
        }
        return Tensor.stack(chunks);
    }

    /** A copy of tiny-wan whose scheduler config is {@code config}. */
    static Path withScheduler(JsonNode config, Path target) throws IOException {
        for (String part : List.of("text_encoder", "transformer", "vae_decoder", "tokenizer", "scheduler")) {
            Files.createDirectories(target.resolve(part));
        }
        for (String file : List.of("model_index.json", "text_encoder/model.onnx", "transformer/model.onnx",
                "vae_decoder/model.onnx", "vae_decoder/config.json", "tokenizer/tokenizer.json")) {
            Files.copy(WAN.resolve(file), target.resolve(file));
        }
        Files.writeString(target.resolve("scheduler/scheduler_config.json"), JSON.writeValueAsString(config));
        return target;
    }
}
