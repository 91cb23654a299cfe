package dev.livediffusion.generation;

import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/**
 * The {@code vae_decoder} of a Wan folder: latents in the transformer's units un-normalised per channel as diffusers'
 * Wan pipeline does (latents * latents_std + latents_mean, AutoencoderKLWan's config), then {@code latent_sample}
 * [1, 16, t, h, w] to {@code sample} [1, 3, f, H, W] in [-1, 1], in chunks of the t latent frames the graph fixes
 * (all at once where it leaves them open). Each chunk is decoded on its own: the causal cache a whole-clip Wan VAE
 * keeps between chunks is not carried.
 */
final class WanDecoder implements AutoCloseable {

    private final InferenceSession session;
    private final TensorSpec latents;
    private final float[] mean;
    private final float[] std;

    WanDecoder(InferenceSession session, float[] mean, float[] std) {
        this.session = session;
        this.latents = session.requireInput("latent_sample");
        session.requireOutput("sample");
        this.mean = mean;
        this.std = std;
        if (latents.rank() != 5) {
            throw new GraphContractException(session.source() + ": input \"latent_sample\" should be [1, 16, frames,"
                    + " height, width], it is " + latents);
        }
        if (latents.isStatic(1) && latents.dims()[1] != mean.length) {
            throw new GraphContractException(session.source() + ": \"latent_sample\" takes " + latents.dims()[1]
                    + " channels but vae_decoder/config.json has " + mean.length + " latents_mean values");
        }
    }

    /** Frames one latent frame decodes to: what the graph fixes, else Wan's temporal factor 4. */
    int framesPerLatentFrame() {
        TensorSpec sample = session.requireOutput("sample");
        boolean fixed = latents.isStatic(2) && sample.rank() == 5 && sample.isStatic(2);
        return fixed ? (int) (sample.dims()[2] / latents.dims()[2]) : 4;
    }

    /** How many chunks {@code frames} latent frames take. */
    int chunks(int frames) {
        return (frames + chunkSize(frames) - 1) / chunkSize(frames);
    }

    /**
     * @param x latents [1, 16, T, h, w] in the transformer's units
     * @return chunk {@code chunk}'s frames, [f, 3, H, W] in [-1, 1]
     */
    Tensor decode(Tensor x, int chunk) {
        int frames = (int) x.dim(2);
        int size = chunkSize(frames);
        Tensor part = WanLatents.frames(x, chunk * size, Math.min(size, frames - chunk * size));
        return framesFirst(session.run(Map.of("latent_sample", unnormalised(part))).get("sample"));
    }

    private int chunkSize(int frames) {
        return latents.isStatic(2) ? (int) latents.dims()[2] : frames;
    }

    private Tensor unnormalised(Tensor x) {
        float[] values = x.values();
        float[] out = new float[values.length];
        int plane = values.length / mean.length;
        for (int i = 0; i < values.length; i++) {
            int c = i / plane;
            out[i] = (float) ((double) values[i] * std[c] + mean[c]);
        }
        return new Tensor(out, x.shape());
    }

    /** [1, 3, f, H, W] to [f, 3, H, W]. */
    private static Tensor framesFirst(Tensor video) {
        long[] s = video.shape();
        int frames = (int) s[2];
        int plane = (int) (s[3] * s[4]);
        float[] in = video.values();
        float[] out = new float[in.length];
        for (int c = 0; c < 3; c++) {
            for (int f = 0; f < frames; f++) {
                System.arraycopy(in, (c * frames + f) * plane, out, (f * 3 + c) * plane, plane);
            }
        }
        return new Tensor(out, new long[] {frames, 3, s[3], s[4]});
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
