package dev.livediffusion.generation.tokenizer;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The prompt clean-up of the original CLIP tokenizer: HTML references unescaped twice, NFC,
 * white-space runs folded to one space and trimmed, lower case. What the model reads of a prompt, so the blocklist
 * matches this text too.
 */
public final class TextCleaner {

    /** Unicode White_Space, as {@code \s} in the Python regex module the original uses. */
    private static final Pattern WHITE_SPACE_RUN = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private TextCleaner() {
    }

    public static String clean(String text) {
        String unescaped = HtmlEntities.unescape(HtmlEntities.unescape(text));
        String normalized = Normalizer.normalize(unescaped, Normalizer.Form.NFC);
        // String.strip() trims what Python's str.strip() trims once runs are folded: ' ' and U+001C..U+001F.
        String folded = WHITE_SPACE_RUN.matcher(normalized).replaceAll(" ").strip();
        return PythonLowerCase.lower(folded);
    }
}
