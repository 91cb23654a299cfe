package dev.livediffusion.compat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A picture the model drew at its own size brought to the size a client asked for, as A1111's "crop and resize"
 * does: scaled (bicubic) until it covers the asked size, then cut to it around the centre, so nothing is stretched.
 */
final class ScaledPicture {

    private ScaledPicture() {
    }

    static BufferedImage to(BufferedImage drawn, PictureSize size) {
        double scale = Math.max((double) size.width() / drawn.getWidth(), (double) size.height() / drawn.getHeight());
        int width = (int) Math.round(drawn.getWidth() * scale);
        int height = (int) Math.round(drawn.getHeight() * scale);
        BufferedImage out = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(drawn, (size.width() - width) / 2, (size.height() - height) / 2, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
