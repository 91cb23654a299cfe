package dev.livediffusion.infotext;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ParameterLineTest {

    /** A1111's {@code re_param_code}, the reference on lines short enough for its backtracking. */
    private static final Pattern A1111 =
            Pattern.compile("\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)", Pattern.DOTALL);
    private static final String ALPHABET = "ab_1 :,\"\\-/\t";

    @Test
    void findsThePairsA1111sRegexFinds() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertEquals(byRegex(line.toString()), ParameterLine.pairs(line.toString()), line::toString);
        }
    }

    @Test
    void aLongQuotedValueIsRead() {
        String value = "x\\\"y, ".repeat(4_000);
        List<ParameterLine.Pair> pairs = ParameterLine.pairs("Steps: 1, Note: \"" + value + "\", Seed: 2");
        assertEquals(List.of(new ParameterLine.Pair("Steps", "1"), new ParameterLine.Pair("Note", "\"" + value + "\""),
                new ParameterLine.Pair("Seed", "2")), pairs);
    }

    @Test
    void aLineOfAMillionCharactersWithoutAPairIsReadInOnePass() {
        String keyRun = "a b-c/".repeat(170_000);
        String spaces = " \t".repeat(500_000) + "x";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(List.of(), ParameterLine.pairs(keyRun));
            assertEquals(List.of(), ParameterLine.pairs(spaces));
        });
    }

    private static List<ParameterLine.Pair> byRegex(String line) {
        List<ParameterLine.Pair> pairs = new ArrayList<>();
        Matcher matcher = A1111.matcher(line);
        while (matcher.find()) {
            pairs.add(new ParameterLine.Pair(matcher.group(1), matcher.group(2)));
        }
        return pairs;
    }
}
