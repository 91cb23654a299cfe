package dev.livediffusion.generation;

import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt → {@link TextConditioning}, cached per prompt because typing repeats prefixes and the text encoder
 * is a sizeable share of a one-step frame. One CLIP encoder (SD, SD-Turbo) uses its last hidden state; two
 * (SDXL) use the concatenated penultimate hidden states and the second encoder's pooled {@code text_embeds}.
 */
final class PromptEncoder implements AutoCloseable {

    private static final int CACHE_SIZE = 512;

    private final List<ClipTextEncoder> encoders;
    private final Map<String, TextConditioning> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TextConditioning> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    PromptEncoder(List<ClipTextEncoder> encoders) {
        this.encoders = encoders;
        if (encoders.size() == 1) {
            encoders.get(0).session().requireOutput("last_hidden_state");
        } else {
            encoders.forEach(e -> penultimateHiddenState(e));
            encoders.get(1).session().requireOutput("text_embeds");
        }
    }

    List<InferenceSession> sessions() {
        return encoders.stream().map(ClipTextEncoder::session).toList();
    }

    TextConditioning encode(String prompt) {
        String key = PromptText.normalize(prompt);
        TextConditioning cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        TextConditioning encoded = encoders.size() == 1 ? encodeSingle(prompt) : encodeDual(prompt);
        cache.put(key, encoded);
        return encoded;
    }

    private TextConditioning encodeSingle(String prompt) {
        ClipTextEncoder encoder = encoders.get(0);
        Tensor hidden = encoder.encode(prompt).get("last_hidden_state");
        return new TextConditioning(hidden, null, encoder.tokenCount(prompt));
    }

    private TextConditioning encodeDual(String prompt) {
        ClipTextEncoder first = encoders.get(0);
        ClipTextEncoder second = encoders.get(1);
        Map<String, Tensor> out1 = first.encode(prompt);
        Map<String, Tensor> out2 = second.encode(prompt);
        Tensor hidden = concatLastAxis(out1.get(penultimateHiddenState(first)), out2.get(penultimateHiddenState(second)));
        return new TextConditioning(hidden, out2.get("text_embeds"), first.tokenCount(prompt));
    }

    /** {@code hidden_states.N} outputs run from the embeddings (0) to the last layer (N); SDXL takes N-1. */
    private static String penultimateHiddenState(ClipTextEncoder encoder) {
        int last = encoder.session().outputs().stream().map(TensorSpec::name)
                .filter(n -> n.startsWith("hidden_states."))
                .mapToInt(n -> Integer.parseInt(n.substring("hidden_states.".length())))
                .max().orElseThrow(() -> new ModelFolder.ModelFolderException(encoder.session().source()
                        + ": SDXL text encoders must export hidden_states.N outputs"));
        return "hidden_states." + (last - 1);
    }

    private static Tensor concatLastAxis(Tensor a, Tensor b) {
        int rows = (int) (a.values().length / a.dim(a.shape().length - 1));
        int widthA = (int) a.dim(a.shape().length - 1);
        int widthB = (int) b.dim(b.shape().length - 1);
        float[] values = new float[rows * (widthA + widthB)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a.values(), r * widthA, values, r * (widthA + widthB), widthA);
            System.arraycopy(b.values(), r * widthB, values, r * (widthA + widthB) + widthA, widthB);
        }
        long[] shape = a.shape().clone();
        shape[shape.length - 1] = widthA + widthB;
        return new Tensor(values, shape);
    }

    /** Width of {@code encoder_hidden_states} this encoder produces, or -1 where a graph leaves it open. */
    long hiddenWidth() {
        long width = 0;
        for (ClipTextEncoder encoder : encoders) {
            String output = encoders.size() == 1 ? "last_hidden_state" : penultimateHiddenState(encoder);
            TensorSpec spec = encoder.session().requireOutput(output);
            if (spec.rank() == 0 || !spec.isStatic(spec.rank() - 1)) {
                return TensorSpec.DYNAMIC;
            }
            width += spec.dims()[spec.rank() - 1];
        }
        return width;
    }

    boolean isDual() {
        return encoders.size() == 2;
    }

    int maxTokens() {
        return encoders.get(0).maxTokens();
    }

    @Override
    public void close() {
        encoders.forEach(ClipTextEncoder::close);
    }
}
