package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * What the denoiser is conditioned on for one prompt.
 *
 * @param hiddenStates {@code encoder_hidden_states}, [1, tokens, width]
 * @param pooled       SDXL's {@code text_embeds}, [1, width]; null for models without it
 * @param tokenCount   tokens the prompt used before truncation, start and end included: cached with the rest, it
 *                     goes into the frame's header without tokenizing the prompt again
 */
public record TextConditioning(Tensor hiddenStates, Tensor pooled, int tokenCount) {
}
