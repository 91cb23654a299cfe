package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.InitImages.InitImageException;

/**
 * An init image and its strength as a client sends them (REST, live and A1111's img2img), checked in this order:
 * the model can start from a picture, the strength is a number from 0.01 to 1, the bytes are a bounded PNG or JPEG.
 */
public final class InitImageInput {

    /** SD-Turbo's documented img2img: two steps at strength 0.5, a single step at t = 499. */
    public static final double DEFAULT_STRENGTH = 0.5;
    /** The refusal of an init image for a model without a vae_encoder (also named in the live hello). */
    public static final String UNAVAILABLE = "img2img_unavailable";

    private InitImageInput() {
    }

    public static ImageToImage read(byte[] image, JsonNode strength, ModelInfo model) {
        if (!model.imageToImage()) {
            throw new InitImageException(UNAVAILABLE, "the model " + model.name()
                    + " has no vae_encoder, so it cannot start from an image");
        }
        return new ImageToImage(InitImages.decode(image), strength(strength));
    }

    private static double strength(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_STRENGTH;
        }
        if (!node.isNumber() || !(node.asDouble() >= ImageToImage.MIN_STRENGTH && node.asDouble() <= 1)) {
            throw new InitImageException("bad_strength",
                    "\"strength\" must be a number from " + ImageToImage.MIN_STRENGTH + " to 1");
        }
        return node.asDouble();
    }
}
