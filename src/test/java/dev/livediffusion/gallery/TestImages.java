package dev.livediffusion.gallery;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Real encoded images (Java's own PNG/JPEG writers), different for each number. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int number, int width, int height) {
        return encode("png", picture(number, width, height));
    }

    static byte[] jpeg(int number, int width, int height) {
        return encode("jpg", picture(number, width, height));
    }

    /** The colour that fills picture {@code number} (its label aside). */
    static Color background(int number) {
        return new Color(Color.HSBtoRGB(number / 53f, 0.8f, 0.9f));
    }

    private static BufferedImage picture(int number, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background(number));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawString("#" + number, 4, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(String format, BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
