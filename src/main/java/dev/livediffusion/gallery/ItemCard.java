package dev.livediffusion.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.IntStream;

/** An item as the gallery templates show it, with its links worked out. */
public record ItemCard(Item item, String pageUrl, String coverUrl, String downloadUrl, String gifUrl, String mp4Url,
                       String remixUrl, String frameUrlsJson, String framePromptsJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ItemCard of(String slug, Item item) {
        List<String> frames = IntStream.range(0, item.frameCount()).mapToObj(i -> Links.frame(slug, item.id(), i)).toList();
        return new ItemCard(item, Links.item(slug, item.id()), Links.frame(slug, item.id(), item.coverFrame()),
                Links.download(slug, item.id()), Links.flipbookFile(slug, item.id(), "gif"), Links.flipbookFile(slug, item.id(), "mp4"),
                Links.remix(item.prompt(), item.seed()), json(frames),
                json(item.framePrompts()));
    }

    public boolean isFlipbook() {
        return item.kind() == ItemKind.FLIPBOOK;
    }

    /** A saved video's frame rate for people ("8", "3.33"); null for pictures and typing flipbooks. */
    public String videoRate() {
        return item.frameRate() == null ? null
                : BigDecimal.valueOf(item.frameRate()).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Attribute-safe once the template escapes it; the player parses it back. */
    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
