package dev.livediffusion.generation;

import dev.livediffusion.decoding.DecodeSlots;
import dev.livediffusion.decoding.JpegScans;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Reads an init image sent by a client: PNG or JPEG only (known by their first bytes), at most {@link #MAX_BYTES},
 * its size read from the header and a JPEG's scans counted, both bounded before a pixel is decoded, so a small file
 * can claim neither a huge raster nor thousands of passes over it. The decode itself waits for one of the
 * {@link DecodeSlots}. Nothing touches the disk (ImageIO's file cache is not used).
 */
public final class InitImages {

    /** Room for a 512x512 canvas PNG or photo JPEG, and under the WebSocket transport's 256 KiB with its header. */
    public static final int MAX_BYTES = 192 * 1024;
    public static final int MAX_SIDE = 2048;
    public static final long MAX_PIXELS = 1024L * 1024;

    private InitImages() {
    }

    public static BufferedImage decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new InitImageException("init_image_too_large", "init images are limited to " + MAX_BYTES + " bytes");
        }
        String format = format(bytes);
        int scans = format.equals("jpeg") ? JpegScans.count(bytes) : 1;
        if (scans > JpegScans.MAX) {
            throw new InitImageException("init_image_too_complex", "JPEG init images are limited to " + JpegScans.MAX
                    + " scans, this one has " + scans);
        }
        return DecodeSlots.decode(() -> read(bytes, format));
    }

    private static BufferedImage read(byte[] bytes, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new InitImageException("init_image_too_large", "init images are limited to " + MAX_PIXELS
                        + " pixels and " + MAX_SIDE + " on a side, got " + width + "x" + height);
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InitImageException refused) {
                throw refused;
            }
            throw new InitImageException("bad_init_image", "the init image could not be read as PNG or JPEG");
        } finally {
            reader.dispose();
        }
    }

    private static String format(byte[] b) {
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (JpegScans.isJpeg(b)) {
            return "jpeg";
        }
        throw new InitImageException("bad_init_image", "init images must be PNG or JPEG");
    }

    /** A refused init image, with the error code clients see. */
    public static final class InitImageException extends RuntimeException {

        private final String code;

        public InitImageException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
