package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turbo generation (SD-Turbo, SDXL-Turbo and the embedded model). One step: x = sigma*n at the last training
 * timestep, eps = unet(x / sqrt(sigma^2+1)), x0 = x - sigma*eps, image = vae_decoder(x0 / scaling_factor);
 * two to four steps run {@link FewStepSampler#eulerAncestral} before the same decode.
 *
 * <p>Randomness: all noise of an N-step run is one continued {@link SeededNoise} stream of the request's
 * seed, N latent-sized blocks long; block 0 is the starting noise (so one step draws what it always drew),
 * block k (1 &le; k &lt; N) the fresh noise added after step k. {@code training/turbo_reference.py}
 * ({@code step_noises}) defines the same.
 */
public final class TurboImagePipeline implements ImagePipeline, AutoCloseable {

    private final ModelStages stages;
    private final FewStepSampler sampler;
    private final int latentHeight;
    private final int latentWidth;
    private final float[] timeIds;

    TurboImagePipeline(ModelStages stages, FewStepSampler sampler, int latentHeight, int latentWidth, int vaeScale) {
        this.stages = stages;
        this.sampler = sampler;
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
                results.add(FrameEncoder.encode(batch, i, clock.laps(), requests.get(index).seed(), stages.name()));
            }
        }
        return results;
    }

    /** The decoder's output for each chunk of at most {@link #maxBatch()} requests, [n, 3, H, W] in [-1, 1]. */
    List<Tensor> render(List<ImageRequest> requests, Stopwatch clock) {
        return stages.render(requests.stream().map(ImageRequest::prompt).toList(), maxBatch(), clock,
                (from, conditions) -> denoise(requests.subList(from, from + conditions.size()), conditions));
    }

    /** The clean latent of one request, [1, C, h, w] in the UNet's units: the picture before it is decoded. */
    Tensor cleanLatent(ImageRequest request) {
        return stages.latent(request.prompt(), (from, conditions) -> denoise(List.of(request), conditions));
    }

    /** Latent channels, height and width. */
    long[] latentShape() {
        return new long[] {1, stages.denoiser().latentChannels(), latentHeight, latentWidth};
    }

    String latentSpace() {
        return stages.latentSpace();
    }

    /** The sampler's steps for one batch; returns the clean latents. */
    private Tensor denoise(List<ImageRequest> requests, List<TextConditioning> conditions) {
        int channels = stages.denoiser().latentChannels();
        List<Tensor> noise = requests.stream()
                .map(r -> SeededNoise.normal(r.seed(), sampler.steps(), channels, latentHeight, latentWidth)).toList();
        Map<String, Tensor> sizes = sizeConditioning(requests.size());
        return sampler.sample(k -> noiseBlock(noise, k),
                (input, timestep) -> stages.denoiser().predictNoise(input, timestep, conditions, sizes));
    }

    /** SDXL's {@code time_ids} for each batch item; nothing for models without them. */
    private Map<String, Tensor> sizeConditioning(int batch) {
        if (!stages.denoiser().hasInput("time_ids")) {
            return Map.of();
        }
        float[] values = new float[batch * timeIds.length];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(timeIds, 0, values, i * timeIds.length, timeIds.length);
        }
        return Map.of("time_ids", new Tensor(values, new long[] {batch, timeIds.length}));
    }

    /** Block {@code k} of every request's noise, stacked into a batch. */
    private static Tensor noiseBlock(List<Tensor> noise, int k) {
        return Tensor.stack(noise.stream().map(n -> n.slice(k, 1)).toList());
    }

    @Override
    public int maxBatch() {
        return stages.maxBatch();
    }

    /** The engine serving the graphs: the configured one, or OnnxRuntime on the CPU after a fallback. */
    public EngineKind engine() {
        return stages.engine();
    }

    @Override
    public int tokenCount(String prompt) {
        return stages.tokenCount(prompt);
    }

    @Override
    public int maxTokens() {
        return stages.maxTokens();
    }

    @Override
    public String modelName() {
        return stages.name();
    }

    /** Engine and device of each graph, for the start-up log and the readiness check. */
    public String placement() {
        return stages.placement();
    }

    /** Each graph with its engine, device and precision, for the admin page. */
    public List<StagePlacement> stages() {
        return stages.stages();
    }

    @Override
    public void close() {
        stages.close();
    }
}
