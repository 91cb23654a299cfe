package dev.livediffusion.live;

import dev.livediffusion.generation.tokenizer.WholeWords;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptGuideTest {

    private static final List<String> EMBEDDED_WORDS =
            WholeWords.read(Path.of("src/main/resources/models/embedded-image/tokenizer"));

    @Test
    void theEmbeddedModelGetsAGuideWhoseExamplesUseOnlyWordsItKnows() {
        PromptGuide guide = new PromptGuide(EMBEDDED_WORDS, true);
        assertEquals(EMBEDDED_WORDS, guide.words());
        assertEquals(PromptGuide.EXAMPLES, guide.examples(), "every example is drawable");
        for (String example : guide.examples()) {
            assertTrue(EMBEDDED_WORDS.containsAll(Arrays.asList(example.split(" "))), example);
        }
        assertEquals(PromptGuide.EXAMPLES.get(0), guide.placeholder());
        assertEquals("The built-in model", guide.modelLabel());
    }

    @Test
    void aFullSizeVocabularyGivesNoGuide() {
        // a CLIP vocabulary: the world's words among tens of thousands of others
        List<String> clip = IntStream.range(0, 30_000).mapToObj(i -> "word" + Integer.toString(i, 26)).toList();
        PromptGuide guide = new PromptGuide(java.util.stream.Stream.concat(EMBEDDED_WORDS.stream(), clip.stream()).toList(), false);
        assertTrue(guide.words().isEmpty());
        assertTrue(guide.examples().isEmpty());
        assertEquals("", guide.wordList());
        assertEquals(PromptGuide.GENERAL_PLACEHOLDER, guide.placeholder());
    }

    @Test
    void anExampleWithAWordTheModelLacksIsLeftOut() {
        List<String> withoutStriped = EMBEDDED_WORDS.stream().filter(w -> !w.equals("striped")).toList();
        PromptGuide guide = new PromptGuide(withoutStriped, false);
        assertTrue(guide.examples().stream().noneMatch(e -> e.contains("striped")), guide.examples().toString());
        assertEquals(PromptGuide.EXAMPLES.size() - 1, guide.examples().size());
    }
}
