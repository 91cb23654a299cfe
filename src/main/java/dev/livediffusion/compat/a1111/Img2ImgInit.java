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
 * {@code denoising_strength}, through the same checks as the REST twin's init image, and its inpainting mask
 * (InpaintMask). A1111's default strength is 0.75; more than one init image is refused.
 */
final class Img2ImgInit {

    private static final double A1111_DEFAULT_STRENGTH = 0.75;

    private Img2ImgInit() {
    }

    /** The bytes of a base64 image, a data URL's prefix allowed; {@code refusal} where it is not base64. */
    static byte[] base64(String text, String refusal) {
        try {
            return Base64.getDecoder().decode(text.substring(text.indexOf(',') + 1));
        } catch (IllegalArgumentException e) {
            throw A1111Exception.invalid(refusal);
        }
    }

    static ImageToImage read(JsonNode body, ModelInfo model) {
        JsonNode images = body.path("init_images");
        if (!images.isArray() || images.size() != 1 || !images.get(0).isTextual()) {
            throw A1111Exception.invalid("\"init_images\" must hold one base64 PNG or JPEG");
        }
        byte[] bytes = base64(images.get(0).asText(), "\"init_images\" must hold one base64 PNG or JPEG");
        JsonNode strength = body.hasNonNull("denoising_strength") ? body.get("denoising_strength")
                : DoubleNode.valueOf(A1111_DEFAULT_STRENGTH);
        try {
            ImageToImage init = InitImageInput.read(bytes, strength, model);
            return InpaintMask.read(body).map(init::withMask).orElse(init);
        } catch (InitImageException e) {
            throw new A1111Exception(e.code().equals(InitImageInput.UNAVAILABLE) ? 501 : 422, e.getMessage());
        }
    }
}
