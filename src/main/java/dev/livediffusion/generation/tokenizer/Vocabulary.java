package dev.livediffusion.generation.tokenizer;

import java.util.Map;

/** The token-to-id map of {@code vocab.json}. */
final class Vocabulary {

    private final Map<String, Integer> ids;
    private final int size;

    Vocabulary(Map<String, Integer> ids) {
        this.ids = ids;
        this.size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** The id of {@code token}, which must be present, being {@code neededFor} what is named. */
    int id(String token, String neededFor) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new TokenizerLoadException(TokenizerFiles.VOCABULARY + " lacks \"" + token + "\", needed for " + neededFor);
        }
        return id;
    }

    /** One more than the highest id. */
    int size() {
        return size;
    }
}
