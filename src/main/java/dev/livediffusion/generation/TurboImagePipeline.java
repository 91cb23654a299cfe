package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One-step Turbo generation (SD-Turbo, SDXL-Turbo and the embedded model): x = sigma*n at the last training
 * timestep, eps = unet(x / sqrt(sigma^2+1)), x0 = x - sigma*eps, image = vae_decoder(x0 / scaling_factor).
 */
public final class TurboImagePipeline implements ImagePipeline, AutoCloseable {

    private final String name;
    private final PromptEncoder prompts;
    private final Denoiser denoiser;
    private final LatentDecoder decoder;
    private final int timestep;
    private final double sigma;
    private final double vaeScaling;
    private final int latentHeight;
    private final int latentWidth;
    private final float[] timeIds;
    /** Fair, so REST calls and the live scheduler take turns on the engine. */
    private final ReentrantLock engine = new ReentrantLock(true);

    TurboImagePipeline(String name, PromptEncoder prompts, Denoiser denoiser, LatentDecoder decoder,
                       NoiseSchedule schedule, double vaeScaling, int latentHeight, int latentWidth, int vaeScale) {
        this.name = name;
        this.prompts = prompts;
        this.denoiser = denoiser;
        this.decoder = decoder;
        this.timestep = schedule.lastTimestep();
        this.sigma = schedule.sigma(timestep);
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
                long encodeStart = System.nanoTime();
                BufferedImage image = FrameEncoder.toImage(batch, i);
                byte[] jpeg = FrameEncoder.jpeg(image);
                Map<String, Double> timings = new LinkedHashMap<>(clock.laps());
                timings.put("encode", Stopwatch.millisSince(encodeStart));
                ImageRequest request = requests.get(index);
                results.add(new GeneratedImage(jpeg, FrameEncoder.MIME, image.getWidth(), image.getHeight(),
                        request.seed(), name, timings));
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
                Tensor noisy = startingLatents(requests.subList(from, to));
                Tensor eps = denoiser.predictNoise(scaledInput(noisy), timestep, conditions.subList(from, to),
                        sizeConditioning(to - from));
                clock.lap("denoise");
                images.add(decoder.decode(cleanLatents(noisy, eps)));
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

    /** x = sigma * n, with n from each request's seed. */
    private Tensor startingLatents(List<ImageRequest> requests) {
        List<Tensor> items = requests.stream().map(r -> {
            Tensor noise = SeededNoise.normal(r.seed(), 1, denoiser.latentChannels(), latentHeight, latentWidth);
            return scale(noise, sigma);
        }).toList();
        return Tensor.stack(items);
    }

    private Tensor scaledInput(Tensor noisy) {
        return scale(noisy, 1.0 / Math.sqrt(sigma * sigma + 1.0));
    }

    /** (x - sigma * eps) / scaling_factor: the predicted clean latent, in the decoder's units. */
    private Tensor cleanLatents(Tensor noisy, Tensor eps) {
        float[] x = noisy.values();
        float[] e = eps.values();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - sigma * e[i]) / vaeScaling);
        }
        return new Tensor(out, noisy.shape());
    }

    private static Tensor scale(Tensor t, double factor) {
        float[] out = t.values().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] * factor);
        }
        return new Tensor(out, t.shape());
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
    public String modelName() {
        return name;
    }

    /** Engine and device of each stage, for the start-up log and the admin page. */
    public String placement() {
        return "unet: " + denoiser.placement() + ", vae_decoder: " + decoder.placement();
    }

    @Override
    public void close() {
        prompts.close();
        denoiser.close();
        decoder.close();
    }
}
