package dev.livediffusion.compat;

import dev.livediffusion.generation.ImageToImage;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * An inpainted picture over its original, as A1111 pastes one back: the original's pixels where the mask keeps
 * them, the generated ones where it redraws, blended where it is grey. Outside the mask the picture is then the
 * original's, not its round trip through the VAE.
 */
final class MaskOverlay {

    private MaskOverlay() {
    }

    static BufferedImage over(BufferedImage generated, ImageToImage init) {
        int width = generated.getWidth();
        int height = generated.getHeight();
        int[] original = sized(init.picture(), width, height, BufferedImage.TYPE_INT_RGB).getRGB(0, 0, width, height,
                null, 0, width);
        int[] redraw = sized(init.mask(), width, height, BufferedImage.TYPE_BYTE_GRAY).getRaster()
                .getPixels(0, 0, width, height, (int[]) null);
        int[] drawn = generated.getRGB(0, 0, width, height, null, 0, width);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int[] mixed = new int[drawn.length];
        for (int i = 0; i < drawn.length; i++) {
            int m = redraw[i];
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int channel = ((drawn[i] >> shift & 0xff) * m + (original[i] >> shift & 0xff) * (255 - m) + 127) / 255;
                rgb |= channel << shift;
            }
            mixed[i] = rgb;
        }
        out.setRGB(0, 0, width, height, mixed, 0, width);
        return out;
    }

    /** As the pipeline sizes the init picture (bilinear, transparency on white). */
    private static BufferedImage sized(BufferedImage picture, int width, int height, int type) {
        BufferedImage sized = new BufferedImage(width, height, type);
        Graphics2D g = sized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, width, height, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return sized;
    }
}
