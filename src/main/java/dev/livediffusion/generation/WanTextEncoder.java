package dev.livediffusion.generation;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * umT5 as Wan conditions on it (diffusers' pipelines/wan/pipeline_wan.py, _get_t5_prompt_embeds): the prompt's
 * tokens by its {@code tokenizer.json} (Hugging Face tokenizers, "</s>" appended, cut to the text length), padded with
 * id 0 and masked, through {@code text_encoder} ({@code input_ids}, optionally {@code attention_mask}, int64
 * [1, L]); the rows past the prompt's tokens are zeroed, as the pipeline does.
 */
final class WanTextEncoder implements AutoCloseable {

    /** diffusers' and NVIDIA's max_sequence_length for Wan, where the graph leaves the length open. */
    private static final int DEFAULT_LENGTH = 512;

    /** The text as the transformer takes it, [1, L, D], and how many tokens the prompt had. */
    record Text(Tensor hidden, int tokens) {
    }

    private final HuggingFaceTokenizer tokenizer;
    private final InferenceSession session;
    private final int length;
    private final boolean masked;
    private final String output;

    WanTextEncoder(Path tokenizerJson, InferenceSession session) throws IOException {
        this.session = session;
        TensorSpec ids = session.requireInput("input_ids");
        if (ids.rank() != 2) {
            throw new GraphContractException(session.source() + ": input \"input_ids\" should be [batch, length], it is " + ids);
        }
        if (session.outputs().isEmpty()) {
            throw new GraphContractException(session.source() + ": the text encoder gives no output");
        }
        this.length = ids.isStatic(1) ? (int) ids.dims()[1] : DEFAULT_LENGTH;
        this.masked = session.hasInput("attention_mask");
        this.output = session.outputs().get(0).name();
        this.tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optAddSpecialTokens(true)
                .optTruncation(true).optMaxLength(length).optPadding(false).build();
    }

    Text encode(String prompt) {
        long[] tokens = tokens(prompt);
        float[] ids = new float[length];
        float[] mask = new float[length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
            mask[i] = 1;
        }
        Map<String, Tensor> feed = new HashMap<>();
        feed.put("input_ids", new Tensor(ids, new long[] {1, length}));
        if (masked) {
            feed.put("attention_mask", new Tensor(mask, new long[] {1, length}));
        }
        Tensor hidden = session.run(feed).get(output);
        float[] values = hidden.values().clone();
        int width = values.length / length;
        Arrays.fill(values, tokens.length * width, values.length, 0f);
        return new Text(new Tensor(values, hidden.shape()), tokens.length);
    }

    /** The token ids of a prompt, "</s>" included: what the text encoder sees before padding. */
    long[] tokens(String prompt) {
        return tokenizer.encode(prompt).getIds();
    }

    int length() {
        return length;
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        tokenizer.close();
        session.close();
    }
}
