package dev.livediffusion.gallery;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes prompt, seed and model into a downloaded image without re-encoding its pixels: PNG gets iTXt chunks
 * (UTF-8) after IHDR, JPEG a COM segment after its APPn segments.
 */
final class DownloadMetadata {

    private static final int PNG_SIGNATURE = 8;
    private static final int PNG_IHDR_END = PNG_SIGNATURE + 4 + 4 + 13 + 4;
    private static final int JPEG_MAX_SEGMENT = 0xFFFF - 2;

    private DownloadMetadata() {
    }

    static Map<String, String> fields(Item item, String prompt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("prompt", prompt);
        fields.put("seed", Long.toString(item.seed()));
        fields.put("model", item.model());
        fields.put("Software", "Live Diffusion");
        return fields;
    }

    static byte[] write(String mime, byte[] image, Map<String, String> fields) {
        return switch (mime) {
            case "image/png" -> png(image, fields);
            case "image/jpeg" -> jpeg(image, fields);
            default -> image;
        };
    }

    private static byte[] png(byte[] image, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length + 512);
        out.write(image, 0, PNG_IHDR_END);
        fields.forEach((key, value) -> writeChunk(out, "iTXt", itxt(key, value)));
        out.write(image, PNG_IHDR_END, image.length - PNG_IHDR_END);
        return out.toByteArray();
    }

    /** keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text. */
    private static byte[] itxt(String key, String value) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
        data.writeBytes(new byte[] {0, 0, 0, 0, 0});
        data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return data.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] jpeg(byte[] image, Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        byte[] comment = text.toString().getBytes(StandardCharsets.UTF_8);
        int length = Math.min(comment.length, JPEG_MAX_SEGMENT);
        int at = afterAppSegments(image);
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length + length + 4);
        out.write(image, 0, at);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) ((length + 2) >> 8), (byte) (length + 2)});
        out.write(comment, 0, length);
        out.write(image, at, image.length - at);
        return out.toByteArray();
    }

    /** JFIF and EXIF readers expect their APPn segment right after SOI, so the comment goes after them. */
    private static int afterAppSegments(byte[] image) {
        int at = 2;
        while (at + 4 <= image.length && (image[at] & 0xFF) == 0xFF && (image[at + 1] & 0xF0) == 0xE0) {
            at += 2 + (((image[at + 2] & 0xFF) << 8) | (image[at + 3] & 0xFF));
        }
        return Math.min(at, image.length);
    }
}
