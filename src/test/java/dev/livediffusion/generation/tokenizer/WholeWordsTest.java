package dev.livediffusion.generation.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WholeWordsTest {

    private static final Path EMBEDDED = Path.of("src/main/resources/models/embedded-image/tokenizer");

    @Test
    void theEmbeddedModelsTokenizerHoldsTheWordsOfItsWorld() {
        List<String> words = WholeWords.read(EMBEDDED);
        for (String word : List.of("a", "an", "two", "three", "four", "small", "large", "big", "red", "cyan", "gray",
                "circle", "square", "triangle", "star", "heart", "ring", "cross", "diamond", "crosses", "stars",
                "at", "the", "top", "left", "right", "bottom", "center", "in", "on", "and", "moving", "up", "down",
                "spinning", "striped", "checkered", "gradient", "background")) {
            assertTrue(words.contains(word), word + " in " + words);
        }
        assertTrue(words.size() < 80, "about the world's words, not the byte alphabet: " + words.size());
    }

    @Test
    void leavesOutTheBytesAndBpesSteppingStones() {
        List<String> words = WholeWords.read(EMBEDDED);
        for (String piece : List.of("b", "x", "mall", "ft", "ght", "ackground", "hite", "ellow", "arge", "nd", "ing",
                "ds", "les", "ped", "ple", "wn")) {
            assertFalse(words.contains(piece), piece + " in " + words);
        }
        assertTrue(words.stream().allMatch(w -> w.matches("[a-z]+")), words.toString());
    }

    @Test
    void withoutAWordListTheMergesTellTheWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        for (String file : List.of("vocab.json", "merges.txt")) {
            java.nio.file.Files.copy(EMBEDDED.resolve(file), dir.resolve(file));
        }
        List<String> words = WholeWords.read(dir);
        assertTrue(words.containsAll(List.of("red", "circle", "striped")) && !words.contains("mall"), words.toString());
    }
}
