package dev.livediffusion.generation;

import java.util.Locale;
import java.util.Optional;

/** Where a video's first frame comes from. */
public enum FirstFrame {

    /**
     * The image model's picture of the video's prompt and seed, the one the live page shows, which the video model
     * then sets in motion. Only where both models share a latent space ({@link ModelFolder#latentSpace()}).
     */
    IMAGE,
    /** The video model draws it from the prompt alone. */
    MODEL;

    /** The protocol's spelling: {@code "image"}, {@code "model"}. */
    public String protocolName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FirstFrame> fromProtocolName(String name) {
        for (FirstFrame value : values()) {
            if (value.protocolName().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
