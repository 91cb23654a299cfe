package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Few-step next-frame generation with packed context (the embedded video model's layout). Each call makes
 * one frame from the video's context and the prompt in force, so the prompt may change between frames.
 */
public final class VideoPipeline implements AutoCloseable {

    /** The decoder's output for a video's frame, [1, 3, H, W] in [-1, 1], and its prompt's text conditioning. */
    record Rendered(Tensor image, TextConditioning text) {
    }

    private final ModelGraphs graphs;
    private final ModelInfo info;
    private final FewStepSampler sampler;
    private final long[] latentShape;
    private final int frameRate;

    VideoPipeline(ModelGraphs graphs, ModelInfo info, FewStepSampler sampler, long[] latentShape, int frameRate) {
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

    /** A video whose frames, the first included, the video model makes. */
    public VideoContext startVideo(long seed) {
        return startVideo(seed, null);
    }

    /** A video that starts from a latent of this model's latent space made elsewhere (null: the model draws it). */
    VideoContext startVideo(long seed, Supplier<Tensor> firstFrame) {
        return new VideoContext(seed, latentShape, firstFrame);
    }

    /** Generates the video's next frame for {@code prompt} and advances the video. */
    public GeneratedImage nextFrame(VideoContext video, String prompt) {
        Stopwatch clock = new Stopwatch();
        Rendered rendered = render(video, prompt, clock);
        return FrameEncoder.encode(rendered.image(), 0, clock.laps(), video.seed(), rendered.text().tokenCount(),
                info.name());
    }

    /** Text, denoise (or the frame given to start from) and decode, each stage timed on {@code clock}. */
    Rendered render(VideoContext video, String prompt, Stopwatch clock) {
        Tensor clean;
        Rendered rendered;
        try (ModelGraphs.EngineTurn turn = graphs.takeEngine()) {
            TextConditioning text = graphs.encode(prompt);
            clock.lap("text");
            clean = video.givenFrame().orElseGet(() -> denoise(video, text));
            clock.lap("denoise");
            rendered = new Rendered(graphs.decode(clean), text);
            clock.lap("decode");
        }
        video.advance(clean);
        return rendered;
    }

    /** The sampler's steps for the video's next frame; returns its clean latent. */
    private Tensor denoise(VideoContext video, TextConditioning text) {
        Map<String, Tensor> context = video.contextInputs();
        Tensor x = sampler.start(SeededNoise.normal(video.noiseSeed(0), latentShape), null);
        for (int k = 0; k < sampler.steps(); k++) {
            Tensor eps = graphs.predictNoise(sampler.modelInput(x, k), sampler.timestep(k), List.of(text), context);
            x = sampler.step(x, eps, k, k + 1 < sampler.steps() ? SeededNoise.normal(video.noiseSeed(k + 1), latentShape) : null);
        }
        return x;
    }

    long[] latentShape() {
        return latentShape.clone();
    }

    String latentSpace() {
        return graphs.latentSpace();
    }

    public int frameRate() {
        return frameRate;
    }

    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        graphs.close();
    }
}
