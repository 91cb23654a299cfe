package dev.livediffusion.generation;

import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/** The {@code vae_decoder} graph: latents to images in [-1, 1], [batch, 3, H, W]. */
final class LatentDecoder implements AutoCloseable {

    private final InferenceSession session;
    private final TensorSpec latents;

    LatentDecoder(InferenceSession session) {
        this.session = session;
        this.latents = session.requireInput("latent_sample");
        session.requireOutput("sample");
    }

    Tensor decode(Tensor latents) {
        return session.run(Map.of("latent_sample", latents)).get("sample");
    }

    /** Latent channels the graph takes, or -1 where it leaves them open. */
    long latentChannels() {
        return latents.rank() == 4 && latents.isStatic(1) ? latents.dims()[1] : TensorSpec.DYNAMIC;
    }

    int maxBatch() {
        return latents.rank() > 0 && latents.isStatic(0) ? (int) latents.dims()[0] : Integer.MAX_VALUE;
    }

    String placement() {
        return session.placement();
    }

    @Override
    public void close() {
        session.close();
    }
}
