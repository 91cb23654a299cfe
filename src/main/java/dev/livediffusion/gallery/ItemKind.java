package dev.livediffusion.gallery;

import java.util.Arrays;
import java.util.Optional;

public enum ItemKind {
    /** One picture. */
    FRAME,
    /** The frames a typing session produced, played as an animation. */
    FLIPBOOK;

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<ItemKind> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.value().equals(value)).findFirst();
    }
}
