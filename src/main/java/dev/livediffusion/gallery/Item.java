package dev.livediffusion.gallery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A saved picture or flipbook, without its image bytes.
 *
 * @param framePrompts the prompt of each frame in play order (one entry for a single picture)
 */
public record Item(long id, ItemKind kind, String prompt, long seed, String model, Map<String, Double> timingsMs,
                   int width, int height, List<String> framePrompts, Instant createdAt) {

    public int frameCount() {
        return framePrompts.size();
    }

    /** The frame shown as the item's picture: the last one, where the typing ended. */
    public int coverFrame() {
        return framePrompts.size() - 1;
    }
}
