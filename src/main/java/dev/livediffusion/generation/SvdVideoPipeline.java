package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SVD-XT image to video (diffusers' pipelines/stable_video_diffusion/pipeline_stable_video_diffusion.py), one
 * section of F frames per call: the conditioning picture's CLIP embedding (or an anchor's), its latent as the VAE
 * encoder's mean of the noise-augmented picture (not scaled), the sampler's steps over [F, 4, h, w] with that latent
 * beside each frame's on channels, per-frame guidance in one batch-2 call (zeros as the negative embedding and latent)
 * where the settings guide, and a per-frame decode of latents / scaling_factor.
 *
 * <p>Randomness: the seed's {@link SeededNoise} stream, {@link SvdSampler#noiseBlocks()} blocks of [F, 4, h, w]
 * (block 0 the starting noise, block k what the sampler adds after step k); the picture's noise augmentation is
 * the stream of seed ^ {@link #IMAGE_NOISE_KEY}. {@code training/fixtures/svd_reference.py} defines the same.
 */
public final class SvdVideoPipeline implements AutoCloseable {

    static final long IMAGE_NOISE_KEY = 0x5851F42D4C957F2DL;

    private final ImageEmbedder embedder;
    private final LatentEncoder pictures;
    private final SvdUnet unet;
    private final LatentDecoder decoder;
    private final JsonNode schedulerConfig;
    private final SvdSettings defaults;
    private final long[] latentShape;
    private final ModelInfo info;
    private final ReentrantLock engine = new ReentrantLock(true);

    SvdVideoPipeline(ImageEmbedder embedder, LatentEncoder pictures, SvdUnet unet, LatentDecoder decoder,
                     JsonNode schedulerConfig, SvdSettings defaults, long[] latentShape, ModelInfo info) {
        this.embedder = embedder;
        this.pictures = pictures;
        this.unet = unet;
        this.decoder = decoder;
        this.schedulerConfig = schedulerConfig;
        this.defaults = defaults;
        this.latentShape = latentShape;
        this.info = info;
        SvdSampler.fromConfig(schedulerConfig, defaults.steps());   // a bad config or step count fails at load
    }

    /** The CLIP embedding of a picture [1, 3, H, W] in [-1, 1], [1, width]: a video's anchor against drift. */
    public Tensor embed(Tensor picture) {
        engine.lock();
        try {
            return embedder.embed(picture);
        } finally {
            engine.unlock();
        }
    }

    /**
     * One section's frames, [F, 3, H, W] in [-1, 1].
     *
     * @param picture the conditioning picture at the frame size, [1, 3, H, W] in [-1, 1]
     * @param anchor  the embedding to condition on ({@link #embed}), or null for the picture's own
     */
    public Tensor section(Tensor picture, Tensor anchor, long seed, SvdSettings settings) {
        SvdSampler sampler = SvdSampler.fromConfig(schedulerConfig, settings.steps());
        engine.lock();
        try {
            Tensor embedding = anchor != null ? anchor : embedder.embed(picture);
            Tensor augmented = plus(picture, SeededNoise.normal(seed ^ IMAGE_NOISE_KEY, picture.shape()),
                    settings.noiseAugStrength());
            Tensor imageLatent = pictures.encode(augmented);
            Tensor noise = SeededNoise.normal(seed, blocksShape(sampler.noiseBlocks()));
            Tensor x = noise.slice(0, 1).times(sampler.initialSigma());
            SvdUnetInputs inputs = SvdUnetInputs.of(embedding, imageLatent, settings, frames());
            for (int k = 0; k < sampler.steps(); k++) {
                Tensor output = unet.predict(inputs.sample(x.times(sampler.inputScale(k))), sampler.timestep(k),
                        inputs.hidden(), inputs.timeIds());
                Tensor guided = inputs.guide(output);
                x = sampler.step(x, guided, k, k + 1 < sampler.noiseBlocks() ? noise.slice(k + 1, 1) : null);
            }
            return decode(x);
        } finally {
            engine.unlock();
        }
    }

    /** The frames of x [1, F, 4, h, w], decoded in chunks of the decoder's batch. */
    private Tensor decode(Tensor x) {
        long[] perFrame = {frames(), latentShape[1], latentShape[2], latentShape[3]};
        Tensor latents = new Tensor(x.values(), perFrame);
        List<Tensor> chunks = new ArrayList<>();
        for (int from = 0; from < frames(); from += decoder.maxBatch()) {
            chunks.add(decoder.decode(latents.slice(from, Math.min(decoder.maxBatch(), frames() - from))));
        }
        return Tensor.stack(chunks);
    }

    private long[] blocksShape(int blocks) {
        return new long[] {blocks, latentShape[0], latentShape[1], latentShape[2], latentShape[3]};
    }

    private static Tensor plus(Tensor a, Tensor b, double scale) {
        float[] out = new float[a.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a.values()[i] + scale * b.values()[i]);
        }
        return new Tensor(out, a.shape());
    }

    public int frames() {
        return (int) latentShape[0];
    }

    public SvdSettings defaults() {
        return defaults;
    }

    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        embedder.close();
        pictures.close();
        unet.close();
        decoder.close();
    }
}
