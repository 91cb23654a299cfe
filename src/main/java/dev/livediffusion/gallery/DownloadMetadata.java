package dev.livediffusion.gallery;

import dev.livediffusion.infotext.ExifUserComment;
import dev.livediffusion.infotext.Infotext;
import dev.livediffusion.infotext.JpegSegments;
import dev.livediffusion.infotext.PngText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes prompt, seed and model into a downloaded image without re-encoding its pixels, in the app's own fields and
 * as A1111's infotext: PNG gets iTXt chunks (UTF-8) and the {@code parameters} text after IHDR, JPEG the infotext
 * as EXIF UserComment and the fields in a COM segment.
 */
final class DownloadMetadata {

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

    /** The item's infotext; an item does not record its steps, so they are left out rather than guessed. */
    static Infotext infotext(Item item, String prompt) {
        return new Infotext(prompt, OptionalInt.empty(), item.seed(), item.width(), item.height(), item.model());
    }

    static byte[] write(String mime, byte[] image, Map<String, String> fields, Infotext infotext) {
        return switch (mime) {
            case "image/png" -> png(image, fields, infotext);
            case "image/jpeg" -> jpeg(image, fields, infotext);
            default -> image;
        };
    }

    private static byte[] png(byte[] image, Map<String, String> fields, Infotext infotext) {
        List<PngText.Chunk> chunks = new ArrayList<>();
        chunks.add(PngText.text("parameters", infotext.text()));
        fields.forEach((key, value) -> chunks.add(PngText.itxt(key, value)));
        return PngText.insert(image, chunks);
    }

    private static byte[] jpeg(byte[] image, Map<String, String> fields, Infotext infotext) {
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        byte[] comment = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withComment = JpegSegments.insert(image, 0xFE,
                Arrays.copyOf(comment, Math.min(comment.length, JpegSegments.MAX_DATA)));
        return ExifUserComment.insert(withComment, infotext.text());
    }
}
