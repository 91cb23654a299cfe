package dev.livediffusion.generation.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-level BPE of single words, as in CLIP: the word's UTF-8 bytes as symbols, {@code </w>} on the
 * last one, then repeatedly every occurrence of the adjacent pair with the lowest merge rank merged.
 * Symbols are vocabulary ids from the start, so every merge and byte symbol is checked against the
 * vocabulary once, at load, and encoding cannot meet an unknown symbol.
 */
final class BytePairEncoder {

    private static final String END_OF_WORD = "</w>";
    private static final int CACHE_SIZE = 16_384;

    private final int[] byteIds = new int[256];
    private final int[] lastByteIds = new int[256];
    /** Merge rank by pair of symbol ids ({@link #pair}). */
    private final Map<Long, Integer> ranks;
    /** The id of the merged symbol, by rank. */
    private final int[] mergedIds;
    /** Words typed again and again as a prompt is edited; least recently used ones go first. */
    private final Map<String, int[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    BytePairEncoder(Vocabulary vocabulary, List<String[]> merges) {
        char[] byteSymbols = byteSymbols();
        for (int b = 0; b < 256; b++) {
            String symbol = String.valueOf(byteSymbols[b]);
            byteIds[b] = vocabulary.id(symbol, "the symbol of byte " + b);
            lastByteIds[b] = vocabulary.id(symbol + END_OF_WORD, "the word-final symbol of byte " + b);
        }
        ranks = new HashMap<>(merges.size() * 2);
        mergedIds = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] merge = merges.get(rank);
            String what = "merge " + (rank + 1) + " of " + TokenizerFiles.MERGES + " (\"" + merge[0] + " " + merge[1] + "\")";
            int left = vocabulary.id(merge[0], what);
            int right = vocabulary.id(merge[1], what);
            mergedIds[rank] = vocabulary.id(merge[0] + merge[1], what);
            ranks.put(pair(left, right), rank); // a repeated merge takes its last rank, as Python's dict does
        }
    }

    /** Writes the ids of {@code word} (one pre-tokenizer piece, not empty) into {@code out} at {@code at}; returns the next free index. */
    int encodeWord(String word, int[] out, int at) {
        int[] ids = cache.get(word);
        if (ids == null) {
            ids = merge(word);
            cache.put(word, ids);
        }
        System.arraycopy(ids, 0, out, at, ids.length);
        return at + ids.length;
    }

    private int[] merge(String word) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        int[] symbols = new int[length];
        for (int i = 0; i < length - 1; i++) {
            symbols[i] = byteIds[bytes[i] & 0xFF];
        }
        symbols[length - 1] = lastByteIds[bytes[length - 1] & 0xFF];
        while (length > 1) {
            int best = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i < length - 1; i++) {
                Integer rank = ranks.get(pair(symbols[i], symbols[i + 1]));
                if (rank != null && rank < best) {
                    best = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            length = mergeAll(symbols, length, symbols[bestAt], symbols[bestAt + 1], mergedIds[best]);
        }
        return Arrays.copyOf(symbols, length);
    }

    /** Replaces, left to right, every occurrence of the pair (left, right) by {@code merged}; returns the new length. */
    private static int mergeAll(int[] symbols, int length, int left, int right, int merged) {
        int kept = 0;
        for (int i = 0; i < length; i++) {
            if (symbols[i] == left && i < length - 1 && symbols[i + 1] == right) {
                symbols[kept++] = merged;
                i++;
            } else {
                symbols[kept++] = symbols[i];
            }
        }
        return kept;
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /**
     * GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others for the
     * code points from 256 on, in byte order. The vocabulary is written in these characters.
     */
    private static char[] byteSymbols() {
        char[] symbols = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            symbols[b] = (char) (printable ? b : next++);
        }
        return symbols;
    }
}
