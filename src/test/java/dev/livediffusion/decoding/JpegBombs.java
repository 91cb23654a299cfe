package dev.livediffusion.decoding;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JPEGs for the decode limits: ordinary progressive ones, and scan bombs made from them. */
public final class JpegBombs {

    private JpegBombs() {
    }

    /** A progressive JPEG as ImageIO writes it by default (a picture with some detail, so every scan carries data). */
    public static byte[] progressive(int width, int height, int imageType) {
        BufferedImage image = new BufferedImage(width, height, imageType);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(i * 6, 255 - i * 6, (i * 37) % 256));
            g.fillOval(i * width / 40, (i * 13) % height, width / 8, height / 8);
        }
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JPEG with its last scan (header and data) repeated {@code times} more before the end: the outside probe's bomb. */
    public static byte[] withLastScanRepeated(byte[] jpeg, int times) {
        int lastScan = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                lastScan = i;
            }
        }
        int end = jpeg.length - 2;   // the EOI marker
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int i = 0; i < times; i++) {
            out.write(jpeg, lastScan, end - lastScan);
        }
        out.write(jpeg, end, 2);
        return out.toByteArray();
    }
}
