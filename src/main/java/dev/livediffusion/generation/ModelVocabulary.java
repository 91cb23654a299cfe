package dev.livediffusion.generation;

import dev.livediffusion.generation.tokenizer.WholeWords;

import java.nio.file.Path;
import java.util.List;

/** Where the image model's tokenizer is, read for the words it holds ({@link WholeWords}). */
public final class ModelVocabulary {

    private ModelVocabulary() {
    }

    /** The words of the configured image model's tokenizer: {@code app.model.path}'s, or the embedded model's. */
    public static List<String> of(ModelConfig config) {
        Path tokenizer = config.path().map(p -> new ModelFolder(Path.of(p)).tokenizer())
                .orElseGet(() -> EmbeddedModel.unpack(EmbeddedModel.IMAGE, "tokenizer/")
                        .map(ModelFolder::tokenizer)
                        .orElseThrow(() -> new IllegalStateException("this build has no embedded image model")));
        return WholeWords.read(tokenizer);
    }

    /** Whether this build's image model is the embedded one (no {@code app.model.path}). */
    public static boolean isEmbedded(ModelConfig config) {
        return config.path().isEmpty();
    }
}
