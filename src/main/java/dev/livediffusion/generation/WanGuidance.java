package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * Classifier-free guidance of a Wan folder, from its model_index.json under diffusers' call argument names
 * ({@code guidance_scale}, default 1: unguided, as rCM runs; base Wan is called with 5; {@code negative_prompt},
 * default empty).
 */
record WanGuidance(double scale, String negativePrompt) {

    static WanGuidance of(JsonNode modelIndex) {
        return new WanGuidance(modelIndex.path("guidance_scale").asDouble(1.0), modelIndex.path("negative_prompt").asText(""));
    }

    boolean guided() {
        return scale > 1;
    }

    /** v_neg + g (v - v_neg), in double, rounded once. */
    Tensor guide(Tensor negative, Tensor positive) {
        float[] n = negative.values();
        float[] p = positive.values();
        float[] out = new float[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (n[i] + scale * (p[i] - n[i]));
        }
        return new Tensor(out, positive.shape());
    }
}
