package dev.livediffusion.live;

import dev.livediffusion.generation.ModelConfig;
import dev.livediffusion.generation.ModelVocabulary;
import dev.livediffusion.generation.tokenizer.WholeWords;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the live page tells a user about the words the image model knows, derived once at start from its tokenizer.
 * A small vocabulary (the embedded model's few dozen words of coloured shapes) is a guide: the page completes words
 * from it, says which typed words it lacks and offers example prompts made of it. A full CLIP vocabulary knows
 * "everything", so it gives no guide and the page shows nothing of this.
 */
@Startup
@ApplicationScoped
public class PromptGuide {

    /** More whole words than this and the vocabulary is no guide (the embedded model has about 60, CLIP 30 000+). */
    static final int MAX_GUIDE_WORDS = 2000;

    /** Prompts of the embedded model's world, shown where every word is one the model knows. */
    static final List<String> EXAMPLES = List.of(
            "a large red circle at the top left and two small blue stars on a yellow striped background",
            "three green squares at the bottom and a purple ring at the top right on a black background",
            "a pink heart moving right in the center on a gray checkered background",
            "four small orange triangles on the left on a white gradient background");

    /** The placeholder of a model that knows everything. */
    static final String GENERAL_PLACEHOLDER = "a watercolor painting of a lighthouse at sunset";

    private static final Logger LOG = Logger.getLogger(PromptGuide.class);

    private final List<String> words;
    private final List<String> examples;
    private final boolean builtIn;

    @Inject
    PromptGuide(LiveConfig live, ModelConfig model) {
        this(live.guideTokenizer().map(dir -> WholeWords.read(Path.of(dir))).orElseGet(() -> ModelVocabulary.of(model)),
                ModelVocabulary.isEmbedded(model));
        LOG.infof("prompt guide: %s", words.isEmpty() ? "none (a full vocabulary)" : words.size() + " words, "
                + examples.size() + " examples");
    }

    PromptGuide(List<String> vocabulary, boolean builtIn) {
        this.words = vocabulary.size() <= MAX_GUIDE_WORDS ? List.copyOf(vocabulary) : List.of();
        Set<String> known = new HashSet<>(words);
        this.examples = EXAMPLES.stream().filter(e -> known.containsAll(Arrays.asList(e.split(" ")))).toList();
        this.builtIn = builtIn;
    }

    /** The words to complete from and check against; empty where the model has no guide to give. */
    public List<String> words() {
        return words;
    }

    /** The words, space-separated, for the page's {@code data-words}. */
    public String wordList() {
        return String.join(" ", words);
    }

    public List<String> examples() {
        return examples;
    }

    /** A prompt the model draws, for the empty prompt box. */
    public String placeholder() {
        return examples.isEmpty() ? GENERAL_PLACEHOLDER : examples.get(0);
    }

    /** How the page names the model in "… doesn't know": the built-in one, or the one this server runs. */
    public String modelLabel() {
        return builtIn ? "The built-in model" : "This model";
    }
}
