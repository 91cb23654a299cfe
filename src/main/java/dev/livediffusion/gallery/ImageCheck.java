package dev.livediffusion.gallery;

import dev.livediffusion.decoding.JpegScans;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Tells what an upload really is from its bytes (type and size read from the header), whatever it claims, and refuses
 * a JPEG with more scans than {@link JpegScans#MAX}: every export decodes the frame again.
 */
final class ImageCheck {

    record ImageInfo(String mime, int width, int height) {
    }

    private ImageCheck() {
    }

    static ImageInfo inspect(byte[] bytes) {
        String mime = sniff(bytes);
        if (JpegScans.tooMany(bytes)) {
            throw new InvalidInputException("a JPEG frame has at most " + JpegScans.MAX + " scans");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mime);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageInfo(mime, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("the " + mime + " image is damaged: " + e.getMessage());
        }
    }

    private static String sniff(byte[] bytes) {
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (JpegScans.isJpeg(bytes)) {
            return "image/jpeg";
        }
        throw new InvalidInputException("a frame must be a PNG or JPEG image");
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
