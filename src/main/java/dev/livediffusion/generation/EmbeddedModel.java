package dev.livediffusion.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A small model bundled in the app's resources under {@code models/<name>/}, unpacked to a folder so it
 * loads like any other model folder (ONNX Runtime wants files).
 */
final class EmbeddedModel {

    static final String IMAGE = "embedded-image";
    static final String VIDEO = "embedded-video";

    /** Every file of the layout an embedded model may have; absent ones are skipped. */
    private static final List<String> FILES = List.of(
            "model_index.json",
            "tokenizer/vocab.json", "tokenizer/merges.txt", "tokenizer/special_tokens_map.json",
            "tokenizer/tokenizer_config.json", "tokenizer/words.txt",
            "text_encoder/model.onnx", "text_encoder/config.json",
            "unet/model.onnx", "unet/config.json",
            "vae_encoder/model.onnx", "vae_encoder/config.json",
            "vae_decoder/model.onnx", "vae_decoder/config.json",
            "scheduler/scheduler_config.json");

    private EmbeddedModel() {
    }

    /**
     * The bundled model unpacked into {@code <a new temporary folder>/<name>} (removed when the JVM exits), or
     * empty when this build has none.
     */
    static Optional<ModelFolder> unpack(String name) {
        return unpack(name, "");
    }

    /** As {@link #unpack(String)}, only the files under {@code under} (say {@code "tokenizer/"}). */
    static Optional<ModelFolder> unpack(String name, String under) {
        ClassLoader loader = EmbeddedModel.class.getClassLoader();
        String root = "models/" + name + "/";
        if (loader.getResource(root + "model_index.json") == null) {
            return Optional.empty();
        }
        try {
            // a folder of this process's own: apps started side by side never read each other's half-written files
            Path own = Files.createTempDirectory("live-diffusion-");
            own.toFile().deleteOnExit();
            // named as the model: the folder's name is the model's name in frames, galleries and tensorrt-engines/
            Path target = Files.createDirectory(own.resolve(name));
            target.toFile().deleteOnExit();
            for (String file : FILES.stream().filter(f -> f.startsWith(under)).toList()) {
                try (InputStream in = loader.getResourceAsStream(root + file)) {
                    if (in != null) {
                        Path out = target.resolve(file);
                        if (!Files.isDirectory(out.getParent())) {
                            Files.createDirectories(out.getParent()).toFile().deleteOnExit();
                        }
                        Files.copy(in, out);
                        out.toFile().deleteOnExit();
                    }
                }
            }
            return Optional.of(new ModelFolder(target));
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded model " + name + ": " + e.getMessage(), e);
        }
    }
}
