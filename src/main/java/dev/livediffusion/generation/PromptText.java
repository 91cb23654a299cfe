package dev.livediffusion.generation;

import java.util.Locale;

/** The form of a prompt that decides whether two requests are the same picture. */
public final class PromptText {

    private PromptText() {
    }

    /** White space folded and trimmed, lower-cased: what CLIP's cleaning does before tokenizing. */
    public static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
