package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken model folder fails at load with a message naming the file and what was expected. */
class MalformedModelFolderTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    @TempDir
    Path temp;

    @Test
    void missingFileIsNamed() throws IOException {
        Path folder = copy("tiny-sd-turbo");
        Files.delete(folder.resolve("unet/model.onnx"));
        assertFailsMentioning(folder, "unet/model.onnx", "missing");
    }

    @Test
    void missingVocabularyIsNamed() throws IOException {
        Path folder = copy("tiny-sd-turbo");
        Files.delete(folder.resolve("tokenizer/merges.txt"));
        assertFailsMentioning(folder, "tokenizer/merges.txt", "missing");
    }

    @Test
    void wrongTensorNamesAreNamed() throws IOException {
        Path folder = copy("tiny-sd-turbo");
        Files.copy(folder.resolve("vae_decoder/model.onnx"), folder.resolve("unet/model.onnx"), StandardCopyOption.REPLACE_EXISTING);
        assertFailsMentioning(folder, "unet/model.onnx", "\"sample\"");
    }

    @Test
    void mismatchedShapesAreNamed() throws IOException {
        Path folder = copy("tiny-sd-turbo");
        Files.copy(MODELS.resolve("tiny-sdxl-turbo/unet/model.onnx"), folder.resolve("unet/model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        assertFailsMentioning(folder, "unet/model.onnx", "expects width 40 but the text encoder(s) produce 32");
    }

    @Test
    void corruptGraphIsNamed() throws IOException {
        Path folder = copy("tiny-sd-turbo");
        Files.writeString(folder.resolve("text_encoder/model.onnx"), "definitely not protobuf");
        assertFailsMentioning(folder, "text_encoder/model.onnx", "not a readable ONNX model");
    }

    @Test
    void brokenSchedulerConfigIsNamed() throws IOException {
        Path folder = copy("tiny-sd-turbo");
        Files.writeString(folder.resolve("scheduler/scheduler_config.json"), "{ nope");
        assertFailsMentioning(folder, "scheduler/scheduler_config.json", "not valid JSON");
    }

    private void assertFailsMentioning(Path folder, String file, String expectation) {
        Exception e = assertThrows(Exception.class,
                () -> PipelineLoader.load(new ModelFolder(folder), EngineKind.ONNXRUNTIME, 1, 64, 64).close());
        assertTrue(e.getMessage().contains(folder.resolve(file).toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectation), "says what was expected: " + e.getMessage());
    }

    private Path copy(String model) throws IOException {
        Path source = MODELS.resolve(model);
        Path target = temp.resolve(model);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path out = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(file, out);
                }
            }
        }
        return target;
    }
}
