package dev.livediffusion.generation.tokenizer;

import java.util.Locale;
import java.util.Set;

/**
 * Lower case as Python's {@code str.lower()}: Java's root-locale mapping, except for capital sigma,
 * whose final form Java picks by word boundaries but Python by the Unicode Final_Sigma context
 * (a cased letter before it and none after it, case-ignorable characters skipped). So "ΟΔΟΣ3" ends
 * in ς and "ΟΔΟΣ’s" in σ, as the original tokenizer sees them.
 */
final class PythonLowerCase {

    private static final char CAPITAL_SIGMA = '\u03a3';
    private static final char SMALL_SIGMA = '\u03c3';
    private static final char FINAL_SIGMA = '\u03c2';

    /** Punctuation with Word_Break MidLetter, MidNumLet or Single_Quote: case-ignorable by definition. */
    private static final Set<Integer> WORD_INNER_PUNCTUATION = Set.of(0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4,
            0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A);

    private PythonLowerCase() {
    }

    static String lower(String text) {
        int sigma = text.indexOf(CAPITAL_SIGMA);
        if (sigma < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (; sigma >= 0; sigma = text.indexOf(CAPITAL_SIGMA, from)) {
            out.append(text.substring(from, sigma).toLowerCase(Locale.ROOT));
            out.append(isFinal(text, sigma) ? FINAL_SIGMA : SMALL_SIGMA);
            from = sigma + 1;
        }
        return out.append(text.substring(from).toLowerCase(Locale.ROOT)).toString();
    }

    private static boolean isFinal(String text, int sigma) {
        int before = sigma;
        while (before > 0 && isCaseIgnorable(text.codePointBefore(before))) {
            before -= Character.charCount(text.codePointBefore(before));
        }
        if (before == 0 || !isCased(text.codePointBefore(before))) {
            return false;
        }
        int after = sigma + 1;
        while (after < text.length() && isCaseIgnorable(text.codePointAt(after))) {
            after += Character.charCount(text.codePointAt(after));
        }
        return after == text.length() || !isCased(text.codePointAt(after));
    }

    private static boolean isCased(int codePoint) {
        return Character.isLowerCase(codePoint) || Character.isUpperCase(codePoint) || Character.isTitleCase(codePoint);
    }

    private static boolean isCaseIgnorable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                return WORD_INNER_PUNCTUATION.contains(codePoint);
        }
    }
}
