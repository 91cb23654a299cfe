package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /** Whether the folder has the VAE's encoder, which image-to-image needs. */
    public boolean hasVaeEncoder() {
        return Files.isRegularFile(root.resolve("vae_encoder/model.onnx"));
    }

    public Path vaeEncoder() {
        return onnx("vae_encoder");
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

    /** SVD's CLIP image encoder (CLIPVisionModelWithProjection). */
    public Path imageEncoder() {
        return onnx("image_encoder");
    }

    /** Whether the folder is an SVD-XT image-to-video model: diffusers' StableVideoDiffusionPipeline. */
    public boolean isSvd() {
        return Files.isRegularFile(root.resolve("model_index.json"))
                && modelIndex().path("_class_name").asText().equals("StableVideoDiffusionPipeline");
    }

    /** Whether the folder is a Wan2.1 text-to-video model: diffusers' WanPipeline. */
    public boolean isWan() {
        return Files.isRegularFile(root.resolve("model_index.json"))
                && modelIndex().path("_class_name").asText().equals("WanPipeline");
    }

    /** Wan's diffusion transformer (WanTransformer3DModel). */
    public Path transformer() {
        return onnx("transformer");
    }

    /** A Hugging Face tokenizers file: umT5's, in a Wan folder. */
    public Path tokenizerJson() {
        return existing(root.resolve("tokenizer/tokenizer.json"), "the tokenizer");
    }

    public JsonNode modelIndex() {
        return readJson(root.resolve("model_index.json"));
    }

    public JsonNode schedulerConfig() {
        return readJson(root.resolve("scheduler/scheduler_config.json"));
    }

    /**
     * The latent scale of the VAE: 0.18215 for SD, 0.13025 for SDXL. TAESD ({@code AutoencoderTiny}) decodes
     * the UNet's latent as it is, so its default is 1.
     */
    public double vaeScalingFactor() {
        JsonNode config = vaeConfig();
        boolean tiny = config.path("_class_name").asText().equals("AutoencoderTiny");
        return config.path("scaling_factor").asDouble(tiny ? 1.0 : 0.18215);
    }

    /**
     * Whether the decoder's images are in [0, 1] rather than diffusers' [-1, 1]. madebyollin's own TAESD
     * decoders are; their folder says so with {@code "output_range": [0, 1]} in vae_decoder/config.json (a
     * diffusers AutoencoderTiny export already maps to [-1, 1] and needs nothing).
     */
    public boolean decoderOutputsUnitRange() {
        JsonNode range = vaeConfig().path("output_range");
        if (range.isMissingNode()) {
            return false;
        }
        if (range.isArray() && range.size() == 2 && range.get(1).asDouble() == 1) {
            if (range.get(0).asDouble() == 0) {
                return true;
            }
            if (range.get(0).asDouble() == -1) {
                return false;
            }
        }
        throw new ModelFolderException(root.resolve("vae_decoder/config.json")
                + ": output_range must be [0, 1] or [-1, 1], got " + range);
    }

    /** How many pixels one latent cell covers: 2^(number of VAE blocks - 1), 8 for every SD VAE. */
    public int vaeScaleFactor() {
        JsonNode blocks = vaeConfig().path("block_out_channels");
        return blocks.isArray() && blocks.size() > 0 ? 1 << (blocks.size() - 1) : 8;
    }

    /**
     * What the latents of this folder mean: a digest of its decoder (graph, external weights and config).
     * Two folders with byte-identical decoders share one latent space, so one's latents are the other's frames.
     */
    public String latentSpace() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path decoder = root.resolve("vae_decoder");
            for (String file : new String[] {"model.onnx", "model.onnx_data", "config.json"}) {
                Path path = decoder.resolve(file);
                if (Files.isRegularFile(path)) {
                    digest.update(file.getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = Files.newInputStream(path)) {
                        in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + root.resolve("vae_decoder") + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** vae_decoder/config.json, or an empty node where the folder has none (defaults then apply). */
    JsonNode vaeConfig() {
        Path config = root.resolve("vae_decoder/config.json");
        return Files.exists(config) ? readJson(config) : JSON.createObjectNode();
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

    /** The parts of an SVD-XT folder: image_encoder, vae_encoder, unet, vae_decoder and the scheduler config. */
    public void requireSvdLayout() {
        if (!Files.isDirectory(root)) {
            throw new ModelFolderException("model folder " + root + " does not exist");
        }
        modelIndex();
        imageEncoder();
        vaeEncoder();
        unet();
        vaeDecoder();
        schedulerConfig();
    }

    /** The parts of a Wan2.1 text-to-video folder: tokenizer, text_encoder, transformer, vae_decoder, scheduler. */
    public void requireWanLayout() {
        if (!Files.isDirectory(root)) {
            throw new ModelFolderException("model folder " + root + " does not exist");
        }
        modelIndex();
        tokenizerJson();
        textEncoder();
        transformer();
        vaeDecoder();
        schedulerConfig();
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
