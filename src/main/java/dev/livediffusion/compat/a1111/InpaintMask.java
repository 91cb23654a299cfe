package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.InitImages;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A1111's inpainting fields of img2img: {@code mask} (base64 PNG or JPEG, a data URL's prefix allowed; white
 * redraws, black keeps), {@code mask_blur} (a Gaussian of that many pixels, A1111's default 4) and
 * {@code inpainting_mask_invert} (1: redraw the black). The whole picture is sampled, the masked latent blended at
 * every step as A1111 does for models without an inpainting UNet, so {@code inpaint_full_res} and its padding are
 * taken as "whole picture", and the masked part starts from the original whatever {@code inpainting_fill} asks
 * (A1111's "original").
 */
final class InpaintMask {

    static final int DEFAULT_BLUR = 4;
    static final int MAX_BLUR = 64;

    private InpaintMask() {
    }

    static Optional<BufferedImage> read(JsonNode body) {
        JsonNode mask = body.get("mask");
        if (mask == null || mask.isNull()) {
            return Optional.empty();
        }
        if (!mask.isTextual()) {
            throw A1111Exception.invalid("\"mask\" must be a base64 PNG or JPEG");
        }
        JsonNode blurNode = body.get("mask_blur");
        int blur = blurNode == null || blurNode.isNull() ? DEFAULT_BLUR
                : blurNode.isIntegralNumber() && blurNode.canConvertToInt() ? blurNode.intValue() : -1;
        if (blur < 0 || blur > MAX_BLUR) {
            throw A1111Exception.invalid("\"mask_blur\" must be an integer from 0 to " + MAX_BLUR);
        }
        BufferedImage image;
        try {
            image = InitImages.decode(Img2ImgInit.base64(mask.textValue(), "\"mask\" must be a base64 PNG or JPEG"));
        } catch (InitImages.InitImageException e) {
            throw A1111Exception.invalid("\"mask\": " + e.getMessage());
        }
        float[] redraw = gray(image, body.path("inpainting_mask_invert").asInt(0) == 1);
        return Optional.of(picture(GaussianBlur.of(redraw, image.getWidth(), image.getHeight(), blur),
                image.getWidth(), image.getHeight()));
    }

    /** Luminance in [0, 1] (transparent: keep), inverted where asked. */
    private static float[] gray(BufferedImage image, boolean invert) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        float[] out = new float[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float alpha = (p >>> 24) / 255f;
            float luma = (0.299f * (p >> 16 & 0xff) + 0.587f * (p >> 8 & 0xff) + 0.114f * (p & 0xff)) / 255f * alpha;
            out[i] = invert ? 1 - luma : luma;
        }
        return out;
    }

    private static BufferedImage picture(float[] redraw, int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] gray = new int[redraw.length];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = Math.round(Math.min(1f, Math.max(0f, redraw[i])) * 255f);
        }
        mask.getRaster().setPixels(0, 0, width, height, gray);
        return mask;
    }
}
