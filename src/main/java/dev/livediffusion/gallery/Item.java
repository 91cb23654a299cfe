package dev.livediffusion.gallery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A saved picture or flipbook, without its image bytes.
 *
 * @param frameRate    frames per second a saved video was made at; null for pictures and typing flipbooks
 * @param framePrompts the prompt of each frame in play order (one entry for a single picture)
 */
public record Item(long id, ItemKind kind, String prompt, long seed, String model, Map<String, Double> timingsMs,
                   int width, int height, Double frameRate, List<String> framePrompts, Instant createdAt) {

    /** A typing flipbook's pace: it records keystrokes, not time, so any steady pace will do. */
    private static final double FLIPBOOK_FRAME_RATE = 1000.0 / 150;

    public int frameCount() {
        return framePrompts.size();
    }

    /** The frame shown as the item's picture: the last one, where the typing ended. */
    public int coverFrame() {
        return framePrompts.size() - 1;
    }

    /** Frames per second to play it at: a saved video's own rate, else the flipbook pace. */
    public double playbackRate() {
        return frameRate != null ? frameRate : FLIPBOOK_FRAME_RATE;
    }

    /** Milliseconds each frame stays on screen when played. */
    public long frameMillis() {
        return Math.round(1000 / playbackRate());
    }
}
