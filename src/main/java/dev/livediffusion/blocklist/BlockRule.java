package dev.livediffusion.blocklist;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One blocklist entry. A word matches as a whole word (or phrase), ignoring case; a pattern is a Java regular
 * expression found anywhere in the prompt, ignoring case.
 */
public record BlockRule(Kind kind, String value, Pattern compiled) {

    public static final int MAX_LENGTH = 200;

    public enum Kind {
        WORD("word"), PATTERN("pattern");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.label.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("the kind must be \"word\" or \"pattern\"");
        }
    }

    public static BlockRule of(Kind kind, String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a blocked " + kind.label() + " has 1 to " + MAX_LENGTH
                    + " characters on one line");
        }
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        if (kind == Kind.WORD) {
            value = value.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            return new BlockRule(kind, value, Pattern.compile("(?<![\\p{L}\\p{N}])" + words(value)
                    + "(?![\\p{L}\\p{N}])", flags));
        }
        try {
            return new BlockRule(kind, value, Pattern.compile(value, flags));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the pattern does not compile: " + e.getDescription()
                    + " near position " + e.getIndex());
        }
    }

    /**
     * The words with any run of spaces between them, the last one also cut short by up to two letters as long as four
     * remain: the live page sends every keystroke, and the text model reads "purpl" as it reads "purple".
     */
    private static String words(String value) {
        int last = value.lastIndexOf(' ') + 1;
        String lastWord = value.substring(last);
        int optional = Math.max(0, Math.min(2, lastWord.codePointCount(0, lastWord.length()) - 4));
        int cut = lastWord.offsetByCodePoints(lastWord.length(), -optional);
        StringBuilder pattern = new StringBuilder(quoted(value.substring(0, last) + lastWord.substring(0, cut)));
        StringBuilder tail = new StringBuilder();
        for (int i = lastWord.length(); i > cut; i = lastWord.offsetByCodePoints(i, -1)) {
            tail.insert(0, "(?:" + Pattern.quote(lastWord.substring(lastWord.offsetByCodePoints(i, -1), i))).append(")?");
        }
        return pattern.append(tail).toString();
    }

    private static String quoted(String words) {
        return Pattern.quote(words).replace(" ", "\\E\\s+\\Q");
    }

    public boolean matches(String prompt) {
        return compiled.matcher(prompt).find();
    }
}
