package dev.livediffusion.generation;

import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/**
 * The {@code vae_encoder} graph: pictures in [-1, 1], [batch, 3, H, W], to latents in the UNet's units. optimum
 * exports either {@code latent_parameters} (current: the distribution's mean and log-variance, 2C channels; the
 * mean is taken, as diffusers' "argmax" mode) or {@code latent_sample} (older: a latent as it is).
 */
final class LatentEncoder implements AutoCloseable {

    private final InferenceSession session;
    private final String output;
    private final double scalingFactor;

    LatentEncoder(InferenceSession session, double scalingFactor) {
        this.session = session;
        this.scalingFactor = scalingFactor;
        session.requireInput("sample");
        this.output = session.outputs().stream().map(TensorSpec::name)
                .filter(n -> n.equals("latent_parameters") || n.equals("latent_sample")).findFirst()
                .orElseThrow(() -> new GraphContractException(session.source() + ": expected an output named"
                        + " \"latent_parameters\" or \"latent_sample\", the graph declares " + session.outputs()));
    }

    /** The latents of pictures, times the VAE's scaling factor as the UNet works on them. */
    Tensor encode(Tensor pictures) {
        Tensor latents = session.run(Map.of("sample", pictures)).get(output);
        return (output.equals("latent_parameters") ? mean(latents) : latents).times(scalingFactor);
    }

    /** The first half of the channels of each batch item. */
    private static Tensor mean(Tensor parameters) {
        long[] shape = parameters.shape().clone();
        shape[1] /= 2;
        int half = parameters.values().length / (int) shape[0] / 2;
        float[] out = new float[half * (int) shape[0]];
        for (int item = 0; item < shape[0]; item++) {
            System.arraycopy(parameters.values(), 2 * item * half, out, item * half, half);
        }
        return new Tensor(out, shape);
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
