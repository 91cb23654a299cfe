package dev.livediffusion.generation.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML character reference decoding with the rules of Python's {@code html.unescape}, which the
 * original CLIP tokenizer applies to every prompt: the full HTML5 named reference table, legacy
 * names without ';', longest-prefix matching, and the HTML5 fixes for invalid numeric references.
 */
final class HtmlEntities {

    private static final Pattern CHAR_REF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    /** What HTML5 reads numeric references 0x80..0x9F as: Windows-1252, undefined bytes kept. */
    private static final String WINDOWS_1252_80_TO_9F =
            "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f"
                    + "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

    private static final String TABLE_RESOURCE = "html5-entities.tsv";

    private HtmlEntities() {
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = CHAR_REF.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (matcher.find()) {
            out.append(text, copied, matcher.start()).append(replace(matcher.group(1)));
            copied = matcher.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static String replace(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            String digits = ref.substring(hex ? 2 : 1, ref.endsWith(";") ? ref.length() - 1 : ref.length());
            return numeric(new BigInteger(digits, hex ? 16 : 10));
        }
        Map<String, String> names = NamedTable.NAMES;
        String exact = names.get(ref);
        if (exact != null) {
            return exact;
        }
        for (int length = ref.length() - 1; length > 1; length--) {
            String prefix = names.get(ref.substring(0, length));
            if (prefix != null) {
                return prefix + ref.substring(length);
            }
        }
        return "&" + ref;
    }

    private static String numeric(BigInteger value) {
        if (value.bitLength() > 31 || value.intValue() > Character.MAX_CODE_POINT) {
            return "\uFFFD";
        }
        int codePoint = value.intValue();
        if (codePoint == 0) {
            return "\uFFFD";
        }
        if (codePoint == 0x0D) {
            return "\r";
        }
        if (codePoint >= 0x80 && codePoint <= 0x9F) {
            return String.valueOf(WINDOWS_1252_80_TO_9F.charAt(codePoint - 0x80));
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return "\uFFFD";
        }
        return isDroppedCodePoint(codePoint) ? "" : Character.toString(codePoint);
    }

    /** Control characters and noncharacters, which HTML5 (and Python) drop from numeric references. */
    private static boolean isDroppedCodePoint(int codePoint) {
        return (codePoint >= 0x01 && codePoint <= 0x08)
                || codePoint == 0x0B
                || (codePoint >= 0x0E && codePoint <= 0x1F)
                || codePoint == 0x7F
                || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
                || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /** Loaded on first use only: most prompts contain no '&'. */
    private static final class NamedTable {
        static final Map<String, String> NAMES = load();

        private static Map<String, String> load() {
            try (InputStream in = HtmlEntities.class.getResourceAsStream(TABLE_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing class-path resource " + TABLE_RESOURCE);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                Map<String, String> names = new HashMap<>(4096);
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    StringBuilder value = new StringBuilder(2);
                    for (String hex : line.substring(tab + 1).split(" ")) {
                        value.appendCodePoint(Integer.parseInt(hex, 16));
                    }
                    names.put(line.substring(0, tab), value.toString());
                }
                return Map.copyOf(names);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read class-path resource " + TABLE_RESOURCE, e);
            }
        }
    }
}
