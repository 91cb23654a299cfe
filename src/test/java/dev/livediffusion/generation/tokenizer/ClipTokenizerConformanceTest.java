package dev.livediffusion.generation.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the tokenizer against ids from the original CLIP tokenizer ({@code ../shared/clip/vectors.jsonl},
 * or the file named by {@code CLIP_VECTORS}), with the shared CLIP vocabulary, plus the model-input shaping.
 */
class ClipTokenizerConformanceTest {

    private static final Path SHARED_CLIP = Path.of("../shared/clip");
    private static final String LONG_PROMPT = "a very detailed painting of a castle on a hill, ".repeat(10);

    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void loadSharedVocabulary() {
        tokenizer = ClipTokenizer.load(SHARED_CLIP);
    }

    @Test
    void givesTheOriginalIdsForEveryReferenceVector() throws IOException {
        String named = System.getenv("CLIP_VECTORS");
        Path vectors = named != null ? Path.of(named) : SHARED_CLIP.resolve("vectors.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(vectors, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode vector = json.readTree(line);
            String prompt = vector.get("prompt").textValue();
            int[] expected = json.treeToValue(vector.get("ids"), int[].class);
            int[] actual = tokenizer.encode(prompt);
            if (!Arrays.equals(expected, actual)) {
                mismatches.add(json.writeValueAsString(prompt) + "\n  expected " + Arrays.toString(expected)
                        + "\n  actual   " + Arrays.toString(actual));
            }
            checked++;
        }
        assertTrue(checked > 0, "no vectors in " + vectors);
        assertTrue(mismatches.isEmpty(),
                mismatches.size() + " of " + checked + " vectors differ:\n" + String.join("\n", mismatches));
    }

    @Test
    void truncatesToModelLengthKeepingTheEndTokenLast() {
        int[] full = tokenizer.encode(LONG_PROMPT);
        assertTrue(full.length > ClipTokenizer.CONTEXT_LENGTH, "prompt too short to need truncation");

        int[] model = tokenizer.encodeForModel(LONG_PROMPT, ClipTokenizer.CONTEXT_LENGTH);

        assertEquals(ClipTokenizer.CONTEXT_LENGTH, model.length);
        assertArrayEquals(Arrays.copyOf(full, 76), Arrays.copyOf(model, 76));
        assertEquals(tokenizer.endId(), model[76]);
    }

    @Test
    void padsWithTheEndTokenWhereTheFolderDeclaresNoPadToken() {
        assertPadding(tokenizer, 49407);
    }

    @Test
    void padsWithTheExclamationMarkDeclaredBySdTurbo(@TempDir Path dir) throws IOException {
        Path folder = folderWithSharedVocabulary(dir);
        Files.writeString(folder.resolve("special_tokens_map.json"),
                "{\"bos_token\": \"<|startoftext|>\", \"pad_token\": {\"content\": \"!\", \"lstrip\": false}}");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"pad_token\": \"<|endoftext|>\"}");

        assertPadding(ClipTokenizer.load(folder), 0);
    }

    @Test
    void padsWithTheTokenNamedInTokenizerConfig(@TempDir Path dir) throws IOException {
        Path folder = folderWithSharedVocabulary(dir);
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 77, \"pad_token\": \"!\"}");

        assertPadding(ClipTokenizer.load(folder), 0);
    }

    @Test
    void countsTokensWithStartAndEndButWithoutTruncation() {
        assertEquals(2, tokenizer.tokenCount(""));
        assertEquals(tokenizer.encode("a photo of a cat").length, tokenizer.tokenCount("a photo of a cat"));
        assertEquals(tokenizer.encode(LONG_PROMPT).length, tokenizer.tokenCount(LONG_PROMPT));
        assertTrue(tokenizer.tokenCount(LONG_PROMPT) > ClipTokenizer.CONTEXT_LENGTH);
    }

    @Test
    void namesTheMissingFileAndWhatItShouldHold(@TempDir Path dir) throws IOException {
        TokenizerLoadException noVocabulary = assertThrows(TokenizerLoadException.class, () -> ClipTokenizer.load(dir));
        assertTrue(noVocabulary.getMessage().contains(dir.resolve("vocab.json").toString()), noVocabulary.getMessage());
        assertTrue(noVocabulary.getMessage().contains("JSON object"), noVocabulary.getMessage());

        Files.copy(SHARED_CLIP.resolve("vocab.json"), dir.resolve("vocab.json"));
        TokenizerLoadException noMerges = assertThrows(TokenizerLoadException.class, () -> ClipTokenizer.load(dir));
        assertTrue(noMerges.getMessage().contains(dir.resolve("merges.txt").toString()), noMerges.getMessage());
        assertTrue(noMerges.getMessage().contains("two symbols"), noMerges.getMessage());
    }

    @Test
    void namesTheMalformedFileAndTheProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "[\"not\", \"a\", \"map\"]");
        TokenizerLoadException badVocabulary = assertThrows(TokenizerLoadException.class, () -> ClipTokenizer.load(dir));
        assertTrue(badVocabulary.getMessage().contains("Malformed tokenizer file " + dir.resolve("vocab.json")),
                badVocabulary.getMessage());

        Files.delete(dir.resolve("vocab.json"));
        Files.copy(SHARED_CLIP.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\ni n\nt h e\n");
        TokenizerLoadException badMerges = assertThrows(TokenizerLoadException.class, () -> ClipTokenizer.load(dir));
        assertTrue(badMerges.getMessage().contains(dir.resolve("merges.txt") + ": expected"), badMerges.getMessage());
        assertTrue(badMerges.getMessage().contains("line 3 is \"t h e\""), badMerges.getMessage());
    }

    @Test
    void namesTheSymbolThatTheVocabularyLacks(@TempDir Path dir) throws IOException {
        Files.copy(SHARED_CLIP.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\ni n\nq z</w>\n");

        TokenizerLoadException missing = assertThrows(TokenizerLoadException.class, () -> ClipTokenizer.load(dir));

        assertTrue(missing.getMessage().contains(dir.resolve("vocab.json") + " lacks \"qz</w>\""), missing.getMessage());
        assertTrue(missing.getMessage().contains("merge 2 of merges.txt"), missing.getMessage());
    }

    /** Short prompt for the model: its ids, then the pad id up to 77. */
    private static void assertPadding(ClipTokenizer padding, int padId) {
        String prompt = "a photo of a cat";
        int[] ids = padding.encode(prompt);
        int[] expected = IntStream.range(0, ClipTokenizer.CONTEXT_LENGTH)
                .map(i -> i < ids.length ? ids[i] : padId)
                .toArray();

        assertEquals(padId, padding.padId());
        assertArrayEquals(expected, padding.encodeForModel(prompt, ClipTokenizer.CONTEXT_LENGTH));
    }

    private static Path folderWithSharedVocabulary(Path dir) throws IOException {
        for (String file : List.of("vocab.json", "merges.txt")) {
            Files.copy(SHARED_CLIP.resolve(file), dir.resolve(file));
        }
        return dir;
    }
}
