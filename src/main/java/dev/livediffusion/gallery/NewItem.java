package dev.livediffusion.gallery;

import java.util.List;
import java.util.Map;

/**
 * An item as validated for saving: frames in play order, the last one being the cover.
 *
 * @param frameRate a saved video's frames per second; null for pictures and typing flipbooks
 */
public record NewItem(ItemKind kind, long seed, String model, Map<String, Double> timingsMs, int width, int height,
                      Double frameRate, List<Frame> frames) {

    public String prompt() {
        return frames.get(frames.size() - 1).prompt();
    }

    /** The frames' encoded bytes together: what saving it stores. */
    public long byteSize() {
        return frames.stream().mapToLong(frame -> frame.bytes().length).sum();
    }
}
