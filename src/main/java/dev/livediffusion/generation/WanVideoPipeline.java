package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Wan2.1 text to video (diffusers' pipelines/wan/pipeline_wan.py), one section of T latent frames per call: the
 * prompt's umT5 embedding and the sampler's steps over [1, 16, T, h, w] from seeded noise (guided where the folder's
 * guidance scale g > 1: v = v_neg + g (v - v_neg), the negative prompt's velocity from a second batch-1 call); the
 * decode is a separate call per decoder chunk.
 *
 * <p>Context rule (this project's own; T2V has no conditioning image): a section after the first keeps the previous
 * section's last clean latent frame as its first latent frame, noised to each step's level with the section's
 * starting noise, (1 - s) ctx + s z0, before every transformer call, so the new frames are made beside it; that
 * frame is not decoded again, so such a section shows T - 1 new latent frames.
 *
 * <p>Randomness: the seed's {@link SeededNoise} stream, {@link FlowSampler#noiseBlocks()} blocks of [1, 16, T, h, w]
 * (block 0 the starting noise, block k what rCM adds after step k). {@code training/fixtures/wan_reference.py}
 * defines the same.
 */
public final class WanVideoPipeline implements AutoCloseable {

    /**
     * A section's new latent frames in the transformer's units, [1, 16, n, h, w], to decode chunk by chunk
     * ({@link #decode}), its last clean latent frame (the next one's context) and how many tokens its prompt had.
     */
    public record Section(Tensor latents, Tensor context, int tokens) {
    }

    private final WanTextEncoder text;
    private final WanTransformer transformer;
    private final WanDecoder decoder;
    private final JsonNode schedulerConfig;
    private final WanGuidance guidance;
    private final int defaultSteps;
    private final int frameRate;
    private final long[] latentShape;
    private final ModelInfo info;
    private final ReentrantLock engine = new ReentrantLock(true);

    WanVideoPipeline(WanTextEncoder text, WanTransformer transformer, WanDecoder decoder, JsonNode schedulerConfig,
                     WanGuidance guidance, int defaultSteps, int frameRate, long[] latentShape, ModelInfo info) {
        this.text = text;
        this.transformer = transformer;
        this.decoder = decoder;
        this.schedulerConfig = schedulerConfig;
        this.guidance = guidance;
        this.defaultSteps = defaultSteps;
        this.frameRate = frameRate;
        this.latentShape = latentShape;
        this.info = info;
        FlowSampler.fromConfig(schedulerConfig, defaultSteps);   // a bad config or step count fails at load
    }

    /**
     * One section.
     *
     * @param context the previous section's {@link Section#context()}, or null for a clip's first section
     */
    public Section section(String prompt, long seed, Tensor context, int steps) {
        FlowSampler sampler = FlowSampler.fromConfig(schedulerConfig, steps);
        engine.lock();
        try {
            WanTextEncoder.Text embedded = text.encode(prompt);
            Tensor negative = guidance.guided() ? text.encode(guidance.negativePrompt()).hidden() : null;
            Tensor noise = SeededNoise.normal(seed, blocksShape(sampler.noiseBlocks()));
            Tensor start = new Tensor(noise.slice(0, 1).values(), latentShape);
            Tensor startContext = context == null ? null : WanLatents.frames(start, 0, (int) context.dim(2));
            Tensor x = start.times(sampler.startScale());
            for (int k = 0; k < sampler.steps(); k++) {
                if (context != null) {
                    x = WanLatents.withNoisedStart(x, context, startContext, sampler.level(k));
                }
                Tensor velocity = transformer.velocity(x, sampler.timestep(k), embedded.hidden());
                if (negative != null) {
                    velocity = guidance.guide(transformer.velocity(x, sampler.timestep(k), negative), velocity);
                }
                Tensor added = k + 1 < sampler.noiseBlocks()
                        ? new Tensor(noise.slice(k + 1, 1).values(), latentShape) : null;
                x = sampler.step(x, velocity, k, added);
            }
            int frames = (int) latentShape[2];
            int kept = context == null ? 0 : (int) context.dim(2);
            Tensor fresh = WanLatents.frames(x, kept, frames - kept);
            return new Section(fresh, WanLatents.frames(x, frames - 1, 1), embedded.tokens());
        } finally {
            engine.unlock();
        }
    }

    /** The frames a section after the first shows: its T - 1 new latent frames decoded. */
    public int sectionFrames() {
        return (int) (latentShape[2] - 1) * decoder.framesPerLatentFrame();
    }

    /** How many decoder calls a section's frames take. */
    public int chunks(Section section) {
        return decoder.chunks((int) section.latents().dim(2));
    }

    /** Chunk {@code chunk} of a section's frames, [f, 3, H, W] in [-1, 1], so that frames stream as chunks are done. */
    public Tensor decode(Section section, int chunk) {
        engine.lock();
        try {
            return decoder.decode(section.latents(), chunk);
        } finally {
            engine.unlock();
        }
    }

    private long[] blocksShape(int blocks) {
        long[] shape = new long[latentShape.length + 1];
        shape[0] = blocks;
        System.arraycopy(latentShape, 0, shape, 1, latentShape.length);
        return shape;
    }

    /** The token ids the tokenizer makes of a prompt, "</s>" included. */
    long[] tokens(String prompt) {
        return text.tokens(prompt);
    }

    public int defaultSteps() {
        return defaultSteps;
    }

    public int frameRate() {
        return frameRate;
    }

    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        text.close();
        transformer.close();
        decoder.close();
    }
}
