package dev.livediffusion.infotext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * PNG text chunks, written and read without touching the pixels. Compressed text (zTXt, compressed iTXt) is not
 * read: a few bytes of it can inflate to gigabytes, and A1111 and this app write theirs uncompressed.
 */
public final class PngText {

    /** One chunk to add: its four-letter type and its data. */
    public record Chunk(String type, byte[] data) {
    }

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR_END = SIGNATURE.length + 4 + 4 + 13 + 4;

    private PngText() {
    }

    public static boolean isPng(byte[] image) {
        return image.length >= IHDR_END
                && ByteBuffer.wrap(image, 0, SIGNATURE.length).equals(ByteBuffer.wrap(SIGNATURE));
    }

    /** tEXt where Latin-1 holds the text, else iTXt (UTF-8): what PIL, and so A1111, write. */
    public static Chunk text(String keyword, String value) {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)
                ? textChunk(keyword, value) : itxt(keyword, value);
    }

    /** keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text. */
    public static Chunk itxt(String keyword, String value) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.writeBytes(new byte[] {0, 0, 0, 0, 0});
        data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return new Chunk("iTXt", data.toByteArray());
    }

    private static Chunk textChunk(String keyword, String value) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        return new Chunk("tEXt", data.toByteArray());
    }

    /** A copy of {@code png} with the chunks right after IHDR, where readers that stop early still find them. */
    public static byte[] insert(byte[] png, List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
        out.write(png, 0, IHDR_END);
        for (Chunk chunk : chunks) {
            byte[] type = chunk.type().getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(chunk.data());
            out.writeBytes(ByteBuffer.allocate(4).putInt(chunk.data().length).array());
            out.writeBytes(type);
            out.writeBytes(chunk.data());
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        out.write(png, IHDR_END, png.length - IHDR_END);
        return out.toByteArray();
    }

    /** The tEXt and uncompressed iTXt entries, before or after the image data; a later one wins, as in PIL. */
    public static Map<String, String> read(byte[] png) {
        Map<String, String> entries = new LinkedHashMap<>();
        ByteBuffer buffer = ByteBuffer.wrap(png);
        int at = SIGNATURE.length;
        while (at + 8 <= png.length) {
            long length = buffer.getInt(at) & 0xFFFFFFFFL;
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            int data = at + 8;
            if (length > png.length - data || type.equals("IEND")) {
                break;
            }
            int end = data + (int) length;
            int nul = indexOf(png, data, end);
            if (nul > data && type.equals("tEXt")) {
                entries.put(latin1(png, data, nul), latin1(png, nul + 1, end));
            } else if (nul > data && type.equals("iTXt") && nul + 2 < end && png[nul + 1] == 0) {
                int language = indexOf(png, nul + 3, end);
                int translated = language < 0 ? -1 : indexOf(png, language + 1, end);
                if (translated >= 0) {
                    entries.put(latin1(png, data, nul),
                            new String(png, translated + 1, end - translated - 1, StandardCharsets.UTF_8));
                }
            }
            at = end + 4;
        }
        return entries;
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
