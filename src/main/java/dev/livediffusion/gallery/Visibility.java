package dev.livediffusion.gallery;

import java.util.Arrays;
import java.util.Optional;

/** Who finds a gallery: unlisted ones only through their link, public ones also on the explore page. */
public enum Visibility {
    UNLISTED, PUBLIC;

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<Visibility> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }
}
