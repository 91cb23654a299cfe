package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.infotext.Infotext;
import dev.livediffusion.infotext.PngText;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A1111's {@code png-info}: the {@code parameters} text of a base64 PNG (a data URL or bare base64), the file's
 * other text entries, and the parameters parsed as A1111 parses them. Only PNG is read: a JPEG's EXIF is refused
 * rather than answered as empty.
 */
final class PngInfo {

    /** A1111's {@code PNGInfoResponse}. */
    record Response(String info, Map<String, String> items, Map<String, String> parameters) {
    }

    private PngInfo() {
    }

    static Response read(JsonNode body) {
        JsonNode image = body.get("image");
        if (image == null || !image.isTextual()) {
            throw A1111Exception.invalid("\"image\" must be a base64 PNG");
        }
        String base64 = image.textValue().strip();
        if (base64.isEmpty()) {
            return new Response("", Map.of(), Map.of());   // as A1111 answers an empty image
        }
        if (base64.startsWith("data:") && base64.contains(",")) {
            base64 = base64.substring(base64.indexOf(',') + 1);
        }
        byte[] png;
        try {
            png = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw A1111Exception.invalid("\"image\" is not valid base64");
        }
        if (!PngText.isPng(png)) {
            throw A1111Exception.invalid("png-info reads PNG images only");
        }
        Map<String, String> items = new LinkedHashMap<>(PngText.read(png));
        String info = items.remove("parameters");
        return info == null ? new Response("", items, Map.of()) : new Response(info, items, Infotext.parse(info));
    }
}
