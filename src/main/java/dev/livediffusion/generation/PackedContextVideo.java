package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Few-step next-frame generation with packed context (the embedded video model's layout). Each call makes
 * one frame from the video's context and the prompt in force, so the prompt may change between frames.
 */
final class PackedContextVideo implements VideoContract {

    private final ModelGraphs graphs;
    private final ModelInfo info;
    private final FewStepSampler sampler;
    private final long[] latentShape;
    private final int frameRate;

    PackedContextVideo(ModelGraphs graphs, ModelInfo info, FewStepSampler sampler, long[] latentShape, int frameRate) {
        this.graphs = graphs;
        this.info = info;
        this.sampler = sampler;
        this.latentShape = latentShape;
        this.frameRate = frameRate;
        for (String input : List.of("first_frame", "recent_frames", "history", "has_context")) {
            if (!graphs.takesInput(input)) {
                throw new ModelFolder.ModelFolderException("video unet lacks the input \"" + input
                        + "\" of the packed-context layout");
            }
        }
    }

    /** The scheduler config's {@code video_timesteps}: one to four, descending. */
    static int[] timesteps(JsonNode schedulerConfig) {
        JsonNode list = schedulerConfig.path("video_timesteps");
        if (!list.isArray() || list.isEmpty() || list.size() > FewStepSampler.MAX_STEPS) {
            throw new ModelFolder.ModelFolderException(
                    "scheduler_config.json of a video model needs \"video_timesteps\": 1 to 4 timesteps");
        }
        int[] steps = new int[list.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = list.get(i).asInt();
        }
        return steps;
    }

    @Override
    public String name() {
        return "packed-context";
    }

    /** The image model's picture as frame 0 only where the two share a latent space (its latent is a frame here). */
    @Override
    public List<FirstFrame> firstFrames(TurboImagePipeline image) {
        boolean shared = image.latentSpace().equals(graphs.latentSpace())
                && Arrays.equals(image.latentShape(), latentShape);
        return shared ? List.of(FirstFrame.IMAGE, FirstFrame.MODEL) : List.of(FirstFrame.MODEL);
    }

    /** One: each frame is made for the prompt in force. */
    @Override
    public int sectionFrames() {
        return 1;
    }

    /** None: its graphs take no settings besides the text. */
    @Override
    public Map<VideoSetting, Double> settings() {
        return Map.of();
    }

    /** From the image model: its clean latent of the prompt and seed, made when frame 0 is due. */
    @Override
    public VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image,
                              Map<VideoSetting, Double> settings) {
        Supplier<Tensor> first = from == FirstFrame.IMAGE ? () -> image.cleanLatent(new ImageRequest(prompt, seed)) : null;
        return new PackedContext(seed, latentShape, first, frameRate);
    }

    /** Text, denoise (or the frame given to start from) and decode, each stage timed on {@code clock}. */
    @Override
    public VideoPipeline.Rendered render(VideoContext started, String prompt, Stopwatch clock) {
        PackedContext video = (PackedContext) started;   // a video is rendered by the contract that started it
        Tensor clean;
        VideoPipeline.Rendered rendered;
        try (ModelGraphs.EngineTurn turn = graphs.takeEngine()) {
            TextConditioning text = graphs.encode(prompt);
            clock.lap("text");
            clean = video.givenFrame().orElseGet(() -> denoise(video, text));
            clock.lap("denoise");
            rendered = new VideoPipeline.Rendered(graphs.decode(clean), text.tokenCount());
            clock.lap("decode");
        }
        video.advance(clean);
        return rendered;
    }

    /** The sampler's steps for the video's next frame; returns its clean latent. */
    private Tensor denoise(PackedContext video, TextConditioning text) {
        Map<String, Tensor> context = video.contextInputs();
        Tensor x = sampler.start(SeededNoise.normal(video.noiseSeed(0), latentShape), null);
        for (int k = 0; k < sampler.steps(); k++) {
            Tensor eps = graphs.predictNoise(sampler.modelInput(x, k), sampler.timestep(k), List.of(text), context);
            x = sampler.step(x, eps, k, k + 1 < sampler.steps() ? SeededNoise.normal(video.noiseSeed(k + 1), latentShape) : null);
        }
        return x;
    }

    @Override
    public int frameRate() {
        return frameRate;
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
