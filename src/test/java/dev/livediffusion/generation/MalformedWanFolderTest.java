package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.generation.ModelFolder.ModelFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken Wan2.1 folder fails at load with a {@link ModelFolderException} saying which part and what was expected. */
class MalformedWanFolderTest {

    @TempDir
    Path temp;

    @Test
    void missingTokenizerIsNamed() throws IOException {
        Path folder = copy();
        Files.delete(folder.resolve("tokenizer/tokenizer.json"));
        assertFailsMentioning(folder, folder.resolve("tokenizer/tokenizer.json").toString(), "missing");
    }

    @Test
    void aTransformerOffTheContractIsNamed() throws IOException {
        Path folder = copy();
        Files.copy(folder.resolve("vae_decoder/model.onnx"), folder.resolve("transformer/model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        assertFailsMentioning(folder, folder.resolve("transformer/model.onnx").toString(), "\"hidden_states\"");
    }

    @Test
    void aVaeConfigWithoutWansLatentStatisticsIsNamed() throws IOException {
        Path folder = copy();
        Files.writeString(folder.resolve("vae_decoder/config.json"), "{\"_class_name\": \"AutoencoderKLWan\"}");
        assertFailsMentioning(folder, "vae_decoder/config.json", "latents_mean");
    }

    @Test
    void anUnknownSchedulerIsNamed() throws IOException {
        Path folder = copy();
        Files.writeString(folder.resolve("scheduler/scheduler_config.json"), "{\"_class_name\": \"UniPCMultistepScheduler\"}");
        assertFailsMentioning(folder, "scheduler_config.json", "UniPCMultistepScheduler");
    }

    private static void assertFailsMentioning(Path folder, String where, String expectation) {
        ModelFolderException e = assertThrows(ModelFolderException.class,
                () -> PipelineLoader.loadWan(new ModelFolder(folder), PipelineOptions.onCpu(1, 32, 32, 1)).close());
        assertTrue(e.getMessage().contains(where), "names the part: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectation), "says what was expected: " + e.getMessage());
    }

    private Path copy() throws IOException {
        Path scheduler = WanPipelineReferenceTest.WAN.resolve("scheduler/scheduler_config.json");
        return WanPipelineReferenceTest.withScheduler(new ObjectMapper().readTree(scheduler.toFile()), temp.resolve("tiny-wan"));
    }
}
