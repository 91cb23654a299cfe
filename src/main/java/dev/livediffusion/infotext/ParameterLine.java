package dev.livediffusion.infotext;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Key: value" pairs of an infotext's last line, found where A1111's {@code re_param} finds them
 * ({@code \s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)}, searched left to right), in one pass. The regex
 * itself retries at every position (a 64,000-character line without a colon cost 22 s) and recurses once per
 * character of a quoted value (20,000 overflowed the stack); here every position is looked at a bounded number of
 * times. Character classes are Java's ASCII ones, as the regex had them.
 */
final class ParameterLine {

    /** One pair, the value as the regex captured it (quotes kept, not stripped). */
    record Pair(String key, String value) {
    }

    private final String line;
    /** For each position, the end of the run of key characters ({@code [\w \-/]}) that starts there. */
    private final int[] keyRunEnd;
    /** For each position, the end of the run of whitespace that starts there. */
    private final int[] spaceRunEnd;

    private ParameterLine(String line) {
        this.line = line;
        int n = line.length();
        keyRunEnd = new int[n + 1];
        spaceRunEnd = new int[n + 1];
        keyRunEnd[n] = n;
        spaceRunEnd[n] = n;
        for (int i = n - 1; i >= 0; i--) {
            char c = line.charAt(i);
            keyRunEnd[i] = isKeyChar(c) ? keyRunEnd[i + 1] : i;
            spaceRunEnd[i] = isSpace(c) ? spaceRunEnd[i + 1] : i;
        }
    }

    static List<Pair> pairs(String line) {
        return new ParameterLine(line).pairs();
    }

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        int n = line.length();
        int at = 0;
        while (at <= n) {
            int key = spaceRunEnd[at];
            int colon = key < n && isWordChar(line.charAt(key)) ? keyRunEnd[key] : key;
            if (colon - key < 2 || colon >= n || line.charAt(colon) != ':') {
                // every start up to the end of this key run meets the same run and fails the same way
                at = Math.max(at + 1, colon);
                continue;
            }
            int value = spaceRunEnd[colon + 1];
            int end = quotedValueEnd(value);
            if (end < 0) {
                end = line.indexOf(',', value);
                end = end < 0 ? n : end;
            }
            pairs.add(new Pair(line.substring(key, colon), line.substring(value, end)));
            at = end + 1;   // past the comma the value ended at, or past the end
        }
        return pairs;
    }

    /** The end (after the closing quote) of a quoted value at {@code at} followed by a comma or the end, else -1. */
    private int quotedValueEnd(int at) {
        if (at >= line.length() || line.charAt(at) != '"') {
            return -1;
        }
        int close = closingQuote(at + 1);
        boolean ends = close > at + 1 && close < line.length()
                && (close + 1 == line.length() || line.charAt(close + 1) == ',');
        return ends ? close + 1 : -1;
    }

    /**
     * The first unescaped quote from {@code from}, or the line's length. The next value's opening quote follows a
     * colon or a space, never a backslash, so this scan stops at it at the latest: scans never overlap.
     */
    private int closingQuote(int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '"') {
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, line.length());
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isKeyChar(char c) {
        return isWordChar(c) || c == ' ' || c == '-' || c == '/';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
