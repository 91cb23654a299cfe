package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turbo generation (SD-Turbo, SDXL-Turbo and the embedded model). One step: x = sigma*n at the last training
 * timestep, eps = unet(x / sqrt(sigma^2+1)), x0 = x - sigma*eps, image = vae_decoder(x0 / scaling_factor);
 * two to four steps run {@link EulerAncestralSampler} before the same decode.
 */
public final class TurboImagePipeline implements ImagePipeline, AutoCloseable {

    private final String name;
    private final PromptEncoder prompts;
    private final Denoiser denoiser;
    private final LatentDecoder decoder;
    private final EulerAncestralSampler sampler;
    private final double vaeScaling;
    private final int latentHeight;
    private final int latentWidth;
    private final float[] timeIds;
    /** Fair, so REST calls and the live scheduler take turns on the engine. */
    private final ReentrantLock engine = new ReentrantLock(true);

    TurboImagePipeline(String name, PromptEncoder prompts, Denoiser denoiser, LatentDecoder decoder,
                       EulerAncestralSampler sampler, double vaeScaling, int latentHeight, int latentWidth, int vaeScale) {
        this.name = name;
        this.prompts = prompts;
        this.denoiser = denoiser;
        this.decoder = decoder;
        this.sampler = sampler;
        this.vaeScaling = vaeScaling;
        this.latentHeight = latentHeight;
        this.latentWidth = latentWidth;
        int height = latentHeight * vaeScale;
        int width = latentWidth * vaeScale;
        // SDXL's micro-conditioning: original size, crop offset, target size.
        this.timeIds = new float[] {height, width, 0, 0, height, width};
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        return generateBatch(List.of(request)).get(0);
    }

    @Override
    public List<GeneratedImage> generateBatch(List<ImageRequest> requests) {
        Stopwatch clock = new Stopwatch();
        List<Tensor> images = render(requests, clock);
        List<GeneratedImage> results = new ArrayList<>();
        int index = 0;
        for (Tensor batch : images) {
            for (int i = 0; i < batch.dim(0); i++, index++) {
                results.add(FrameEncoder.encode(batch, i, clock.laps(), requests.get(index).seed(), name));
            }
        }
        return results;
    }

    /** The decoder's output for each chunk of at most {@link #maxBatch()} requests, [n, 3, H, W] in [-1, 1]. */
    List<Tensor> render(List<ImageRequest> requests, Stopwatch clock) {
        List<Tensor> images = new ArrayList<>();
        engine.lock();
        try {
            List<TextConditioning> conditions = requests.stream().map(r -> prompts.encode(r.prompt())).toList();
            clock.lap("text");
            for (int from = 0; from < requests.size(); from += maxBatch()) {
                int to = Math.min(requests.size(), from + maxBatch());
                Tensor clean = denoise(requests.subList(from, to), conditions.subList(from, to));
                clock.lap("denoise");
                images.add(decoder.decode(clean));
                clock.lap("decode");
            }
        } finally {
            engine.unlock();
        }
        return images;
    }

    /** SDXL's {@code time_ids} for each batch item; nothing for models without them. */
    private Map<String, Tensor> sizeConditioning(int batch) {
        if (!denoiser.hasInput("time_ids")) {
            return Map.of();
        }
        float[] values = new float[batch * timeIds.length];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(timeIds, 0, values, i * timeIds.length, timeIds.length);
        }
        return Map.of("time_ids", new Tensor(values, new long[] {batch, timeIds.length}));
    }

    /** The sampler's steps for one batch; returns the clean latents in the decoder's units. */
    private Tensor denoise(List<ImageRequest> requests, List<TextConditioning> conditions) {
        List<Tensor> noise = requests.stream()
                .map(r -> sampler.noise(r.seed(), denoiser.latentChannels(), latentHeight, latentWidth)).toList();
        Tensor x = sampler.startingLatents(noiseBlock(noise, 0));
        for (int step = 0; ; step++) {
            Tensor eps = denoiser.predictNoise(sampler.modelInput(x, step), sampler.timestep(step), conditions,
                    sizeConditioning(requests.size()));
            if (step == sampler.steps() - 1) {
                return sampler.denoised(x, eps, step, vaeScaling);
            }
            x = sampler.next(x, eps, step, noiseBlock(noise, step + 1));
        }
    }

    /** Block {@code k} of every request's noise, stacked into a batch. */
    private static Tensor noiseBlock(List<Tensor> noise, int k) {
        return Tensor.stack(noise.stream().map(n -> n.slice(k, 1)).toList());
    }

    @Override
    public int maxBatch() {
        return Math.min(denoiser.maxBatch(), decoder.maxBatch());
    }

    @Override
    public int tokenCount(String prompt) {
        return prompts.tokenCount(prompt);
    }

    @Override
    public int maxTokens() {
        return prompts.maxTokens();
    }

    @Override
    public String modelName() {
        return name;
    }

    /** Engine and device of each stage, for the start-up log and the admin page. */
    public String placement() {
        return "unet: " + denoiser.session().placement() + ", vae_decoder: " + decoder.session().placement();
    }

    /** Each graph with its engine, device and precision, for the admin page. */
    public List<StagePlacement> stages() {
        return StagePlacement.of(prompts, denoiser, decoder);
    }

    @Override
    public void close() {
        prompts.close();
        denoiser.close();
        decoder.close();
    }
}
