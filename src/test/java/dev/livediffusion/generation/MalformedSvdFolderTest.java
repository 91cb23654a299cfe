package dev.livediffusion.generation;

import dev.livediffusion.generation.ModelFolder.ModelFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken SVD-XT folder fails at load with a {@link ModelFolderException} saying which part and what was expected. */
class MalformedSvdFolderTest {

    private static final Path SVD = Path.of("src/test/resources/models/tiny-svd");

    @TempDir
    Path temp;

    @Test
    void missingImageEncoderIsNamed() throws IOException {
        Path folder = copy();
        Files.delete(folder.resolve("image_encoder/model.onnx"));
        assertFailsMentioning(folder, folder.resolve("image_encoder/model.onnx").toString(), "missing");
    }

    @Test
    void aUnetOffTheContractIsNamed() throws IOException {
        Path folder = copy();
        Files.copy(folder.resolve("vae_decoder/model.onnx"), folder.resolve("unet/model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        assertFailsMentioning(folder, folder.resolve("unet/model.onnx").toString(), "\"sample\"");
    }

    @Test
    void anImageUnetIsNotAVideoOne() throws IOException {
        Path folder = copy();
        Files.copy(Path.of("src/test/resources/models/tiny-sd-turbo/unet/model.onnx"), folder.resolve("unet/model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        assertFailsMentioning(folder, folder.resolve("unet/model.onnx").toString(), "added_time_ids");
    }

    @Test
    void anUnknownSchedulerIsNamed() throws IOException {
        Path folder = copy();
        Files.writeString(folder.resolve("scheduler/scheduler_config.json"), "{\"_class_name\": \"DDIMScheduler\"}");
        assertFailsMentioning(folder, "scheduler_config.json", "DDIMScheduler");
    }

    @Test
    void anEpsilonEulerSchedulerIsRefused() throws IOException {
        Path folder = copy();
        Path config = folder.resolve("scheduler/scheduler_config.json");
        Files.writeString(config, Files.readString(config).replace("v_prediction", "epsilon"));
        assertFailsMentioning(folder, "scheduler_config.json", "v_prediction");
    }

    private static void assertFailsMentioning(Path folder, String where, String expectation) {
        ModelFolderException e = assertThrows(ModelFolderException.class,
                () -> PipelineLoader.loadSvd(new ModelFolder(folder), PipelineOptions.onCpu(1, 64, 64, 1)).close());
        assertTrue(e.getMessage().contains(where), "names the part: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectation), "says what was expected: " + e.getMessage());
    }

    private Path copy() throws IOException {
        Path target = temp.resolve("tiny-svd");
        try (Stream<Path> files = Files.walk(SVD)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path out = target.resolve(SVD.relativize(file).toString());
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
