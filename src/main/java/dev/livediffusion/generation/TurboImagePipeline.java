package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turbo generation (SD-Turbo, SDXL-Turbo and the embedded model). One step: x = sigma*n at the last training
 * timestep, eps = unet(x / sqrt(sigma^2+1)), x0 = x - sigma*eps, image = vae_decoder(x0 / scaling_factor);
 * two to four steps run {@link FewStepSampler#eulerAncestral} before the same decode. Image-to-image (ADD's, as
 * SD-Turbo uses it) starts from the picture's latent (vae_encoder) noised to the timestep its strength gives,
 * x = latent + sigma*n, and runs the remaining steps ({@link FewStepSampler#imageToImage}); with a mask, each step
 * keeps the picture's latent outside it ({@link FewStepSampler#inpaint}).
 *
 * <p>Randomness: all noise of an N-step run is one continued {@link SeededNoise} stream of the request's
 * seed, N latent-sized blocks long; block 0 is the starting noise (so one step draws what it always drew),
 * block k (1 &le; k &lt; N) the fresh noise added after step k. {@code training/fixtures/turbo_reference.py}
 * ({@code step_noises}) defines the same.
 */
public final class TurboImagePipeline implements ImagePipeline, AutoCloseable {

    /** Each request's picture, in request order, and its text conditioning. */
    record Rendered(List<Frame> frames, List<TextConditioning> texts) {
    }

    /** Item {@code index} of a decoder output (a chunk of requests sampled alike), [n, 3, H, W] in [-1, 1]. */
    record Frame(Tensor chunk, int index) {
    }

    private final ModelGraphs graphs;
    private final ModelInfo info;
    private final NoiseSchedule schedule;
    private final ImageParameters defaults;
    private final int vaeScale;

    TurboImagePipeline(ModelGraphs graphs, ModelInfo info, NoiseSchedule schedule, int vaeScale) {
        this.graphs = graphs;
        this.info = info;
        this.schedule = schedule;
        this.defaults = ImageParameters.defaults(info);
        this.vaeScale = vaeScale;
        FewStepSampler.eulerAncestral(schedule, defaults.steps());   // a bad app.model.steps fails at load
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        return generateBatch(List.of(request)).get(0);
    }

    /** Renders on the engine, then encodes the frames once it is free for the next caller. */
    @Override
    public List<GeneratedImage> generateBatch(List<ImageRequest> requests) {
        Stopwatch clock = new Stopwatch();
        Rendered rendered = render(requests, clock);
        List<GeneratedImage> frames = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Frame frame = rendered.frames().get(i);
            frames.add(FrameEncoder.encode(frame.chunk(), frame.index(), clock.laps(), requests.get(i).seed(),
                    rendered.texts().get(i).tokenCount(), info.name()));
        }
        return frames;
    }

    /** Text, then chunk by chunk (requests sampled alike) denoise and decode, each stage timed on {@code clock}. */
    Rendered render(List<ImageRequest> asked, Stopwatch clock) {
        List<ImageRequest> requests = asked.stream().map(r -> r.resolved(defaults)).toList();
        if (!graphs.encodesPictures() && requests.stream().anyMatch(r -> r.init() != null)) {
            throw new ImageToImageUnavailableException(info.name());
        }
        List<Frame> frames = new ArrayList<>();
        try (ModelGraphs.EngineTurn turn = graphs.takeEngine()) {
            List<TextConditioning> texts = requests.stream().map(r -> graphs.encode(r.prompt())).toList();
            clock.lap("text");
            for (int from = 0, to; from < requests.size(); from = to) {
                to = chunkEnd(requests, from);
                Tensor clean = denoise(requests.subList(from, to), texts.subList(from, to));
                clock.lap("denoise");
                Tensor images = graphs.decode(clean);
                for (int i = 0; i < to - from; i++) {
                    frames.add(new Frame(images, i));
                }
                clock.lap("decode");
            }
            return new Rendered(frames, texts);
        }
    }

    /** Where the chunk from {@code from} ends: at most maxBatch requests, all sampled like the first. */
    private int chunkEnd(List<ImageRequest> requests, int from) {
        int to = from + 1;
        while (to < requests.size() && to - from < info.maxBatch() && requests.get(to).samplesLike(requests.get(from))) {
            to++;
        }
        return to;
    }

    /** The clean latent of one request, [1, C, h, w] in the UNet's units: the picture before it is decoded. */
    Tensor cleanLatent(ImageRequest request) {
        try (ModelGraphs.EngineTurn turn = graphs.takeEngine()) {
            return denoise(List.of(request.resolved(defaults)), List.of(graphs.encode(request.prompt())));
        }
    }

    /** The sampler's steps for one batch sampled alike; returns the clean latents. */
    private Tensor denoise(List<ImageRequest> requests, List<TextConditioning> texts) {
        ImageRequest first = requests.get(0);
        ImageParameters size = first.parameters();
        FewStepSampler sampler = first.init() == null ? FewStepSampler.eulerAncestral(schedule, size.steps())
                : FewStepSampler.imageToImage(schedule, size.steps(), first.init().strength());
        Tensor init = first.init() == null ? null : graphs.encodePictures(Tensor.stack(requests.stream()
                .map(r -> r.init().pixels(size.width(), size.height())).toList()));
        List<Tensor> noise = requests.stream().map(r -> SeededNoise.normal(r.seed(), sampler.steps(),
                graphs.latentChannels(), size.height() / vaeScale, size.width() / vaeScale)).toList();
        Map<String, Tensor> sizes = sizeConditioning(requests.size(), size);
        Tensor mask = first.init() == null || first.init().mask() == null ? null
                : first.init().latentMask(size.width() / vaeScale, size.height() / vaeScale);
        Tensor x = sampler.start(noiseBlock(noise, 0), init);
        for (int k = 0; k < sampler.steps(); k++) {
            Tensor eps = graphs.predictNoise(sampler.modelInput(x, k), sampler.timestep(k), texts, sizes);
            Tensor added = k + 1 < sampler.steps() ? noiseBlock(noise, k + 1) : null;
            x = sampler.step(x, eps, k, added);
            if (mask != null) {
                x = sampler.inpaint(x, init, mask, k, added);
            }
        }
        return x;
    }

    /** SDXL's {@code time_ids} (original size, crop offset, target size) per batch item; none for other models. */
    private Map<String, Tensor> sizeConditioning(int batch, ImageParameters size) {
        if (!graphs.takesInput("time_ids")) {
            return Map.of();
        }
        float[] timeIds = {size.height(), size.width(), 0, 0, size.height(), size.width()};
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

    /** Latent channels, height and width. */
    long[] latentShape() {
        return new long[] {1, graphs.latentChannels(), defaults.height() / vaeScale, defaults.width() / vaeScale};
    }

    String latentSpace() {
        return graphs.latentSpace();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        graphs.close();
    }
}
