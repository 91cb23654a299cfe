package dev.livediffusion.shared;

import java.util.Locale;
import java.util.Optional;

/** What a change announced to every instance is about; its name is the notification's payload. */
public enum SharedTopic {
    BLOCKLIST, SETTINGS;

    String payload() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SharedTopic> of(String payload) {
        for (SharedTopic topic : values()) {
            if (topic.payload().equals(payload)) {
                return Optional.of(topic);
            }
        }
        return Optional.empty();
    }
}
