package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model in the Hugging Face optimum / diffusers ONNX layout (the folder {@code optimum-cli export onnx}
 * writes). Knows where each part lives and reads the JSON configs; fails naming the file that is wrong.
 */
public record ModelFolder(Path root) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Path tokenizer() {
        return directory("tokenizer");
    }

    public Path textEncoder() {
        return onnx("text_encoder");
    }

    public Path unet() {
        return onnx("unet");
    }

    public Path vaeDecoder() {
        return onnx("vae_decoder");
    }

    /** SDXL's second tokenizer and text encoder, when the folder has them. */
    public boolean hasSecondTextEncoder() {
        return Files.isDirectory(root.resolve("text_encoder_2"));
    }

    public Path tokenizer2() {
        return directory("tokenizer_2");
    }

    public Path textEncoder2() {
        return onnx("text_encoder_2");
    }

    public JsonNode modelIndex() {
        return readJson(root.resolve("model_index.json"));
    }

    public JsonNode schedulerConfig() {
        return readJson(root.resolve("scheduler/scheduler_config.json"));
    }

    /** The latent scale of the VAE: 0.18215 for SD, 0.13025 for SDXL; 1 for TAESD-style decoders. */
    public double vaeScalingFactor() {
        Path config = root.resolve("vae_decoder/config.json");
        return Files.exists(config) ? readJson(config).path("scaling_factor").asDouble(0.18215) : 0.18215;
    }

    /** How many pixels one latent cell covers: 2^(number of VAE blocks - 1), 8 for every SD VAE. */
    public int vaeScaleFactor() {
        Path config = root.resolve("vae_decoder/config.json");
        if (!Files.exists(config)) {
            return 8;
        }
        JsonNode blocks = readJson(config).path("block_out_channels");
        return blocks.isArray() && blocks.size() > 0 ? 1 << (blocks.size() - 1) : 8;
    }

    /** A display name: the folder's own name. */
    public String name() {
        return root.getFileName().toString();
    }

    public void requireLayout() {
        if (!Files.isDirectory(root)) {
            throw new ModelFolderException("model folder " + root + " does not exist");
        }
        readJson(root.resolve("model_index.json"));
        tokenizer();
        textEncoder();
        unet();
        vaeDecoder();
        schedulerConfig();
        if (hasSecondTextEncoder()) {
            tokenizer2();
            textEncoder2();
        }
    }

    private Path onnx(String part) {
        return existing(root.resolve(part).resolve("model.onnx"), "the " + part + " graph");
    }

    private Path directory(String part) {
        Path dir = root.resolve(part);
        existing(dir.resolve("vocab.json"), "the " + part + " vocabulary");
        existing(dir.resolve("merges.txt"), "the " + part + " merges");
        return dir;
    }

    private static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFolderException("missing " + file + " (" + what + ")");
        }
        return file;
    }

    static JsonNode readJson(Path file) {
        existing(file, "a JSON config");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFolderException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    /** A model folder that does not have the expected layout. */
    public static final class ModelFolderException extends RuntimeException {
        public ModelFolderException(String message) {
            super(message);
        }
    }
}
