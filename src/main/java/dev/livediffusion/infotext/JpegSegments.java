package dev.livediffusion.infotext;

import java.io.ByteArrayOutputStream;

/** Adds marker segments to a JPEG without re-encoding it. */
public final class JpegSegments {

    /** The most data one segment holds: its 16-bit length counts itself. */
    public static final int MAX_DATA = 0xFFFF - 2;

    private JpegSegments() {
    }

    /**
     * A copy of {@code jpeg} with the segment (marker byte, then data of at most {@link #MAX_DATA} bytes) after its
     * APPn segments: JFIF readers expect APP0 right after SOI, EXIF readers find APP1 among the APPn that follow.
     */
    public static byte[] insert(byte[] jpeg, int marker, byte[] data) {
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("a JPEG segment holds at most " + MAX_DATA + " bytes");
        }
        int at = afterAppSegments(jpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + data.length + 4);
        out.write(jpeg, 0, at);
        int length = data.length + 2;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(data);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static int afterAppSegments(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xF0) == 0xE0) {
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return Math.min(at, jpeg.length);
    }
}
