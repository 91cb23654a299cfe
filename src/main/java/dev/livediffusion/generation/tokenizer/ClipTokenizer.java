package dev.livediffusion.generation.tokenizer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLIP BPE tokenizer of Stable Diffusion's text encoders, giving the ids the original
 * (OpenAI's simple_tokenizer) gives. Thread-safe; cheap enough to run on every keystroke.
 */
public final class ClipTokenizer {

    /** The sequence length of CLIP's text encoders. */
    public static final int CONTEXT_LENGTH = 77;

    static final String START_TOKEN = "<|startoftext|>";
    static final String END_TOKEN = "<|endoftext|>";

    /** CLIP's pre-tokenizer: the special tokens, English contractions, letter runs, single digits, other runs. */
    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private final BytePairEncoder encoder;
    private final int startId;
    private final int endId;
    private final int padId;

    private ClipTokenizer(BytePairEncoder encoder, int startId, int endId, int padId) {
        this.encoder = encoder;
        this.startId = startId;
        this.endId = endId;
        this.padId = padId;
    }

    /**
     * Loads a Hugging Face tokenizer folder: {@code vocab.json}, {@code merges.txt}, and the pad token
     * from {@code special_tokens_map.json} or {@code tokenizer_config.json} (the end token where neither declares one).
     *
     * @throws TokenizerLoadException naming the file that is missing or malformed
     */
    public static ClipTokenizer load(Path dir) {
        Vocabulary vocabulary = TokenizerFiles.readVocabulary(dir);
        List<String[]> merges = TokenizerFiles.readMerges(dir);
        BytePairEncoder encoder = new BytePairEncoder(vocabulary, merges);
        int startId = vocabulary.id(START_TOKEN, "the start token");
        int endId = vocabulary.id(END_TOKEN, "the end token");
        int padId = TokenizerFiles.readPadId(dir, vocabulary, endId);
        return new ClipTokenizer(encoder, startId, endId, padId);
    }

    /** The start token, the prompt's ids and the end token; neither truncated nor padded. */
    public int[] encode(String text) {
        String cleaned = TextCleaner.clean(text);
        // A piece yields at most one id per UTF-8 byte, and a char is at most 3 bytes.
        int[] ids = new int[3 * cleaned.length() + 2];
        int count = 0;
        ids[count++] = startId;
        Matcher words = WORDS.matcher(cleaned);
        while (words.find()) {
            String word = words.group();
            if (word.equals(START_TOKEN)) {
                ids[count++] = startId;
            } else if (word.equals(END_TOKEN)) {
                ids[count++] = endId;
            } else {
                count = encoder.encodeWord(word, ids, count);
            }
        }
        ids[count++] = endId;
        return Arrays.copyOf(ids, count);
    }

    /**
     * Exactly {@code maxLength} ids for the text encoder: {@link #encode} cut to {@code maxLength}
     * with the end token in the last kept place, then filled up with the pad id.
     */
    public int[] encodeForModel(String text, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must leave room for the start and end tokens, got " + maxLength);
        }
        int[] ids = encode(text);
        int kept = Math.min(ids.length, maxLength);
        int[] padded = Arrays.copyOf(ids, maxLength);
        padded[kept - 1] = endId;
        Arrays.fill(padded, kept, maxLength, padId);
        return padded;
    }

    /** The number of ids {@link #encode} gives, start and end tokens included. */
    public int tokenCount(String text) {
        return encode(text).length;
    }

    public int startId() {
        return startId;
    }

    public int endId() {
        return endId;
    }

    public int padId() {
        return padId;
    }

}
