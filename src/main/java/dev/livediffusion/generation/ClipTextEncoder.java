package dev.livediffusion.generation;

import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;
import dev.livediffusion.generation.tokenizer.ClipTokenizer;

import java.util.Map;

/** Tokenizer plus one {@code text_encoder} graph: a prompt becomes the graph's outputs by name. */
final class ClipTextEncoder implements AutoCloseable {

    static final int DEFAULT_MAX_TOKENS = 77;

    private final ClipTokenizer tokenizer;
    private final InferenceSession session;
    private final int maxTokens;

    ClipTextEncoder(ClipTokenizer tokenizer, InferenceSession session) {
        this.tokenizer = tokenizer;
        this.session = session;
        TensorSpec ids = session.requireInput("input_ids");
        this.maxTokens = ids.rank() == 2 && ids.isStatic(1) ? (int) ids.dims()[1] : DEFAULT_MAX_TOKENS;
    }

    int tokenCount(String prompt) {
        return tokenizer.tokenCount(prompt);
    }

    Map<String, Tensor> encode(String prompt) {
        int[] ids = tokenizer.encodeForModel(prompt, maxTokens);
        float[] values = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        return session.run(Map.of("input_ids", new Tensor(values, new long[] {1, ids.length})));
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
