package dev.livediffusion.generation.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the files of a Hugging Face {@code tokenizer/} folder; every failure names the file and what it should hold. */
final class TokenizerFiles {

    private static final String VOCABULARY = "vocab.json";
    static final String MERGES = "merges.txt";
    /** Where the pad token may be declared, the first that declares it winning. */
    private static final List<String> PAD_DECLARATIONS = List.of("special_tokens_map.json", "tokenizer_config.json");

    private static final String VOCABULARY_FORM = "a JSON object mapping each token to its integer id";
    private static final String MERGES_FORM = "one merge a line, two symbols separated by one space, after an optional #version line";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Canonicalizing (and interning) 50k distinct names that are read once would cost more than the parse. */
    private static final JsonFactory VOCABULARY_STREAMS = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private TokenizerFiles() {
    }

    static Vocabulary readVocabulary(Path dir) {
        Path file = requireFile(dir.resolve(VOCABULARY), VOCABULARY_FORM);
        Map<String, Integer> vocabulary = new HashMap<>(1 << 17);
        // Streamed straight into the map: about 50k entries are read on every model load.
        try (JsonParser parser = VOCABULARY_STREAMS.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(file, VOCABULARY_FORM, "it does not start with '{'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String token = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() < 0) {
                    throw malformed(file, VOCABULARY_FORM, "token \"" + token + "\" has no non-negative integer id");
                }
                vocabulary.put(token, parser.getIntValue());
            }
        } catch (JsonProcessingException e) {
            throw malformed(file, VOCABULARY_FORM, e.getOriginalMessage());
        } catch (IOException e) {
            throw new TokenizerLoadException("Cannot read " + file + ": " + e, e);
        }
        if (vocabulary.isEmpty()) {
            throw malformed(file, VOCABULARY_FORM, "it holds no tokens");
        }
        return new Vocabulary(file, vocabulary);
    }

    /** The merges in rank order, each as its two symbols. */
    static List<String[]> readMerges(Path dir) {
        Path file = requireFile(dir.resolve(MERGES), MERGES_FORM);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenizerLoadException("Cannot read " + file + " as UTF-8 text: " + e, e);
        }
        int first = !lines.isEmpty() && lines.get(0).startsWith("#version") ? 1 : 0;
        List<String[]> merges = new ArrayList<>(lines.size());
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw malformed(file, MERGES_FORM, "line " + (i + 1) + " is \"" + line + "\"");
            }
            merges.add(new String[] {line.substring(0, space), line.substring(space + 1)});
        }
        if (merges.isEmpty()) {
            throw malformed(file, MERGES_FORM, "it holds no merges");
        }
        return merges;
    }

    /** The id of the declared pad token, or {@code fallbackId} where none is declared. */
    static int readPadId(Path dir, Vocabulary vocabulary, int fallbackId) {
        for (String name : PAD_DECLARATIONS) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonNode pad = readJsonObject(file).path("pad_token");
            if (pad.isMissingNode() || pad.isNull()) {
                continue;
            }
            String token = pad.isObject() ? pad.path("content").textValue() : pad.textValue();
            if (token == null) {
                throw malformed(file, "\"pad_token\" as a string or an object with a string \"content\"", "it is " + pad);
            }
            return vocabulary.id(token, "the pad token that " + file + " declares");
        }
        return fallbackId;
    }

    private static JsonNode readJsonObject(Path file) {
        String form = "a JSON object";
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw malformed(file, form, "it is not an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(file, form, e.getOriginalMessage());
        } catch (IOException e) {
            throw new TokenizerLoadException("Cannot read " + file + ": " + e, e);
        }
    }

    private static Path requireFile(Path file, String form) {
        if (!Files.isRegularFile(file)) {
            throw new TokenizerLoadException("Missing tokenizer file " + file + " (expected " + form + ")");
        }
        return file;
    }

    private static TokenizerLoadException malformed(Path file, String form, String problem) {
        return new TokenizerLoadException("Malformed tokenizer file " + file + ": expected " + form + ", but " + problem);
    }
}
