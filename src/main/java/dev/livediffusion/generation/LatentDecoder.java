package dev.livediffusion.generation;

import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/** The {@code vae_decoder} graph: latents to images in [-1, 1], [batch, 3, H, W], whatever range the graph has. */
final class LatentDecoder implements AutoCloseable {

    private final InferenceSession session;
    private final TensorSpec latents;
    /** The graph gives [0, 1] (TAESD), mapped to [-1, 1] here so every decoder looks the same downstream. */
    private final boolean unitRange;
    /** The VAE's {@code scaling_factor}: the UNet's latents are the VAE's times this. */
    private final double scalingFactor;

    LatentDecoder(InferenceSession session, boolean unitRange, double scalingFactor) {
        this.session = session;
        this.unitRange = unitRange;
        this.scalingFactor = scalingFactor;
        this.latents = session.requireInput("latent_sample");
        session.requireOutput("sample");
    }

    /** Images of clean latents in the UNet's units (x0), which the graph takes divided by the scaling factor. */
    Tensor decode(Tensor clean) {
        Tensor images = session.run(Map.of("latent_sample", clean.times(1 / scalingFactor))).get("sample");
        if (!unitRange) {
            return images;
        }
        float[] signed = images.values().clone();
        for (int i = 0; i < signed.length; i++) {
            signed[i] = signed[i] * 2f - 1f;
        }
        return new Tensor(signed, images.shape());
    }

    /** Latent channels the graph takes, or -1 where it leaves them open. */
    long latentChannels() {
        return latents.rank() == 4 && latents.isStatic(1) ? latents.dims()[1] : TensorSpec.DYNAMIC;
    }

    int maxBatch() {
        return latents.rank() > 0 && latents.isStatic(0) ? (int) latents.dims()[0] : Integer.MAX_VALUE;
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
