package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.livediffusion.generation.ImageToImage;
import dev.livediffusion.generation.InitImageInput;
import dev.livediffusion.generation.InitImages.InitImageException;
import dev.livediffusion.generation.ModelInfo;

import java.util.Base64;

/**
 * The picture A1111's img2img starts from: {@code init_images[0]} (base64, a data URL's prefix allowed) at
 * {@code denoising_strength}, through the same checks as the REST twin's init image. A1111's default strength is
 * 0.75; masks and more than one init image are refused.
 */
final class Img2ImgInit {

    private static final double A1111_DEFAULT_STRENGTH = 0.75;

    private Img2ImgInit() {
    }

    static ImageToImage read(JsonNode body, ModelInfo model) {
        JsonNode images = body.path("init_images");
        if (!images.isArray() || images.size() != 1 || !images.get(0).isTextual()) {
            throw A1111Exception.invalid("\"init_images\" must hold one base64 PNG or JPEG");
        }
        if (body.hasNonNull("mask")) {
            throw A1111Exception.invalid("inpainting (\"mask\") is not available on this server");
        }
        String text = images.get(0).asText();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.substring(text.indexOf(',') + 1));
        } catch (IllegalArgumentException e) {
            throw A1111Exception.invalid("\"init_images\" must hold one base64 PNG or JPEG");
        }
        JsonNode strength = body.hasNonNull("denoising_strength") ? body.get("denoising_strength")
                : DoubleNode.valueOf(A1111_DEFAULT_STRENGTH);
        try {
            return InitImageInput.read(bytes, strength, model);
        } catch (InitImageException e) {
            throw new A1111Exception(e.code().equals(InitImageInput.UNAVAILABLE) ? 501 : 422, e.getMessage());
        }
    }
}
