package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Where an image-to-image request starts: a picture, and how much of it the model redraws (0.01 to 1: ADD's
 * strength; 1 starts from noise at the last timestep, where little of the picture is left).
 *
 * @param mask where to redraw, for inpainting: white redraws, black keeps the picture, grey blends; scaled to the
 *             picture's size. Null: all of it.
 */
public record ImageToImage(BufferedImage picture, double strength, BufferedImage mask) {

    public static final double MIN_STRENGTH = 0.01;

    public ImageToImage {
        if (!(strength >= MIN_STRENGTH && strength <= 1)) {
            throw new IllegalArgumentException("strength must be from " + MIN_STRENGTH + " to 1, got " + strength);
        }
    }

    public ImageToImage(BufferedImage picture, double strength) {
        this(picture, strength, null);
    }

    public ImageToImage withMask(BufferedImage redraw) {
        return new ImageToImage(picture, strength, redraw);
    }

    /** The mask at latent size, [1, 1, h, w] in [0, 1] (1: redraw), scaled bilinearly. */
    Tensor latentMask(int width, int height) {
        BufferedImage sized = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = sized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(mask, 0, 0, width, height, null);
        g.dispose();
        float[] values = new float[width * height];
        int[] gray = sized.getRaster().getPixels(0, 0, width, height, (int[]) null);
        for (int i = 0; i < values.length; i++) {
            values[i] = gray[i] / 255f;
        }
        return new Tensor(values, new long[] {1, 1, height, width});
    }

    /**
     * The picture at the model's size as the vae_encoder takes it, [1, 3, H, W] in [-1, 1] (p / 255 * 2 - 1, as
     * diffusers' image processor), scaled to fit where its size differs, transparency on white (a canvas).
     */
    Tensor pixels(int width, int height) {
        BufferedImage sized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, 0, 0, width, height, Color.WHITE, null);
        g.dispose();
        int plane = width * height;
        float[] values = new float[3 * plane];
        int[] rgb = sized.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < plane; i++) {
            values[i] = unit(rgb[i] >> 16);
            values[plane + i] = unit(rgb[i] >> 8);
            values[2 * plane + i] = unit(rgb[i]);
        }
        return new Tensor(values, new long[] {1, 3, height, width});
    }

    private static float unit(int channel) {
        return (channel & 0xff) / 255f * 2f - 1f;
    }
}
