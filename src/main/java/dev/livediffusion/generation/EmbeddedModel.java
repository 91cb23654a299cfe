package dev.livediffusion.generation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The small model bundled in the app's resources, unpacked to a folder once so it loads like any other
 * model folder (ONNX Runtime wants files).
 */
final class EmbeddedModel {

    static final String RESOURCE_ROOT = "models/embedded-image/";

    /** Every file of the layout the embedded model may have; absent ones are skipped. */
    private static final List<String> FILES = List.of(
            "model_index.json",
            "tokenizer/vocab.json", "tokenizer/merges.txt", "tokenizer/special_tokens_map.json",
            "tokenizer/tokenizer_config.json",
            "text_encoder/model.onnx", "text_encoder/config.json",
            "unet/model.onnx", "unet/config.json",
            "vae_decoder/model.onnx", "vae_decoder/config.json",
            "scheduler/scheduler_config.json");

    private EmbeddedModel() {
    }

    static boolean isBundled() {
        return EmbeddedModel.class.getClassLoader().getResource(RESOURCE_ROOT + "model_index.json") != null;
    }

    /** Copies the bundled files under {@code target/embedded-image}, replacing what an older version left. */
    static ModelFolder unpack(Path target) throws IOException {
        ClassLoader loader = EmbeddedModel.class.getClassLoader();
        for (String file : FILES) {
            try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + file)) {
                if (in != null) {
                    Path out = target.resolve("embedded-image").resolve(file);
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new ModelFolder(target.resolve("embedded-image"));
    }
}
