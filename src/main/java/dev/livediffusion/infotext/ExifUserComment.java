package dev.livediffusion.infotext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The EXIF UserComment in which A1111 keeps a JPEG's infotext: an APP1 segment with the smallest TIFF structure
 * that holds it (IFD0 pointing to an Exif IFD with the one tag), big-endian, the comment as "UNICODE\0" and
 * UTF-16BE, as piexif's {@code UserComment.dump(text, encoding="unicode")} writes it.
 */
public final class ExifUserComment {

    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] UNICODE = {'U', 'N', 'I', 'C', 'O', 'D', 'E', 0};
    private static final short EXIF_IFD_POINTER = (short) 0x8769;
    private static final short USER_COMMENT = (short) 0x9286;
    private static final short LONG = 4;
    private static final short UNDEFINED = 7;
    /** TIFF header (8), IFD0 with one entry (2 + 12 + 4), the Exif IFD with one entry (2 + 12 + 4). */
    private static final int EXIF_IFD = 8 + 18;
    private static final int COMMENT = EXIF_IFD + 18;

    private ExifUserComment() {
    }

    /** A copy of {@code jpeg} carrying {@code text}, cut to what one segment holds (far beyond any prompt). */
    public static byte[] insert(byte[] jpeg, String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        int room = (JpegSegments.MAX_DATA - EXIF_HEADER.length - COMMENT - UNICODE.length) & ~1;
        int length = UNICODE.length + Math.min(utf16.length, room);
        ByteBuffer tiff = ByteBuffer.allocate(EXIF_HEADER.length + COMMENT + length);
        tiff.put(EXIF_HEADER).put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort(EXIF_IFD_POINTER).putShort(LONG).putInt(1).putInt(EXIF_IFD).putInt(0);
        tiff.putShort((short) 1).putShort(USER_COMMENT).putShort(UNDEFINED).putInt(length).putInt(COMMENT).putInt(0);
        tiff.put(UNICODE).put(utf16, 0, length - UNICODE.length);
        return JpegSegments.insert(jpeg, 0xE1, tiff.array());
    }
}
