package dev.livediffusion.generation.tokenizer;

import java.nio.file.Path;
import java.util.Map;

/** The token-to-id map of {@code vocab.json}. */
final class Vocabulary {

    private final Path file;
    private final Map<String, Integer> ids;

    Vocabulary(Path file, Map<String, Integer> ids) {
        this.file = file;
        this.ids = ids;
    }

    /** The id of {@code token}, which must be present, being {@code neededFor} what is named. */
    int id(String token, String neededFor) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new TokenizerLoadException(file + " lacks \"" + token + "\", needed for " + neededFor);
        }
        return id;
    }

    /** Every token, in no order. */
    java.util.Set<String> tokens() {
        return ids.keySet();
    }
}
