package dev.livediffusion.generation.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plain lowercase words a tokenizer holds as one whole-word token ({@code red</w>}), which for a model trained on
 * a small world is the words it knows. Left out are BPE's stepping stones: a word-final piece merged into a longer
 * word right after it was made, or by adding a single letter ({@code mall</w>} of {@code small}, {@code ft</w>} of
 * {@code left}); the merges cannot tell every other piece from a word, so a few (say {@code ing}) remain.
 */
public final class WholeWords {

    private static final String END_OF_WORD = "</w>";
    private static final String WORD_LIST = "words.txt";
    private static final Pattern PLAIN = Pattern.compile("[a-z]+");

    private WholeWords() {
    }

    /**
     * The words of the tokenizer folder {@code dir}, sorted: its {@code words.txt} where it has one (a tokenizer
     * trained by {@code training/} lists the words of its captions there, which no reading of the merges can tell from
     * BPE's pieces such as {@code ple} of {@code purple}), else as the merges show them.
     */
    public static List<String> read(Path dir) {
        Path listed = dir.resolve(WORD_LIST);
        if (Files.isRegularFile(listed)) {
            try (Stream<String> lines = Files.lines(listed)) {
                return lines.map(String::strip).filter(word -> PLAIN.matcher(word).matches()).sorted().distinct()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fromMerges(dir);
    }

    private static List<String> fromMerges(Path dir) {
        Vocabulary vocabulary = TokenizerFiles.readVocabulary(dir);
        List<String[]> merges = TokenizerFiles.readMerges(dir);
        Map<String, Integer> madeAt = new HashMap<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            madeAt.putIfAbsent(merges.get(rank)[0] + merges.get(rank)[1], rank);
        }
        Set<String> steppingStones = new HashSet<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            String left = merges.get(rank)[0];
            String right = merges.get(rank)[1];
            Integer rightMadeAt = madeAt.get(right);
            boolean madeForThis = rightMadeAt != null && rightMadeAt == rank - 1;
            if (right.endsWith(END_OF_WORD) && (left.length() == 1 || madeForThis)) {
                steppingStones.add(right);
            }
        }
        Set<String> words = new TreeSet<>();
        for (String token : vocabulary.tokens()) {
            if (!token.endsWith(END_OF_WORD) || steppingStones.contains(token)) {
                continue;
            }
            String word = token.substring(0, token.length() - END_OF_WORD.length());
            // single letters are the byte alphabet every vocabulary has, not words; "a" is the one that is
            if (PLAIN.matcher(word).matches() && (word.length() > 1 || word.equals("a"))) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }
}
