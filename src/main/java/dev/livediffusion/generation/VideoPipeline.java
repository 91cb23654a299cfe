package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Few-step next-frame generation with packed context (the embedded video model's layout). Each call makes
 * one frame from the clip's context and the prompt in force, so the prompt may change between frames.
 */
public final class VideoPipeline implements AutoCloseable {

    private final ModelStages stages;
    private final FewStepSampler sampler;
    private final long[] latentShape;
    private final int frameRate;

    VideoPipeline(ModelStages stages, FewStepSampler sampler, long[] latentShape, int frameRate) {
        this.stages = stages;
        this.sampler = sampler;
        this.latentShape = latentShape;
        this.frameRate = frameRate;
        for (String input : List.of("first_frame", "recent_frames", "history", "has_context")) {
            if (!stages.denoiser().hasInput(input)) {
                throw new ModelFolder.ModelFolderException("video unet lacks the input \"" + input
                        + "\" of the packed-context layout");
            }
        }
    }

    /** The scheduler config's {@code video_timesteps}: one to four, descending. */
    static int[] timesteps(JsonNode schedulerConfig) {
        JsonNode list = schedulerConfig.path("video_timesteps");
        if (!list.isArray() || list.isEmpty() || list.size() > 4) {
            throw new ModelFolder.ModelFolderException(
                    "scheduler_config.json of a video model needs \"video_timesteps\": 1 to 4 timesteps");
        }
        int[] steps = new int[list.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = list.get(i).asInt();
        }
        return steps;
    }

    /** A clip whose frames, the first included, the video model makes. */
    public VideoClip startClip(long seed) {
        return startClip(seed, null);
    }

    /** A clip that starts from a latent of this model's latent space made elsewhere (null: the model draws it). */
    VideoClip startClip(long seed, Supplier<Tensor> firstFrame) {
        return new VideoClip(seed, latentShape, firstFrame);
    }

    /** Generates the clip's next frame for {@code prompt} and advances the clip. */
    public GeneratedImage nextFrame(VideoClip clip, String prompt) {
        Stopwatch clock = new Stopwatch();
        Tensor image = render(clip, prompt, clock);
        return FrameEncoder.encode(image, 0, clock.laps(), clip.seed(), stages.name());
    }

    /** The decoder's output for the clip's next frame, [1, 3, H, W] in [-1, 1]. */
    Tensor render(VideoClip clip, String prompt, Stopwatch clock) {
        return stages.render(List.of(prompt), 1, clock, (from, conditions) -> {
            Map<String, Tensor> context = clip.contextInputs();
            Tensor clean = clip.givenFrame().orElseGet(() -> sampler.sample(k -> SeededNoise.normal(clip.noiseSeed(k), latentShape),
                    (input, timestep) -> stages.denoiser().predictNoise(input, timestep, conditions, context)));
            clip.advance(clean);
            return clean;
        }).get(0);
    }

    long[] latentShape() {
        return latentShape.clone();
    }

    String latentSpace() {
        return stages.latentSpace();
    }

    public int frameRate() {
        return frameRate;
    }

    /** Each graph with its engine, device and precision, for the admin page. */
    public List<StagePlacement> stages() {
        return stages.stages();
    }

    /** Engine and device of each graph, for the start-up log and the readiness check. */
    public String placement() {
        return stages.placement();
    }

    public String modelName() {
        return stages.name();
    }

    public int maxTokens() {
        return stages.maxTokens();
    }

    public int tokenCount(String prompt) {
        return stages.tokenCount(prompt);
    }

    @Override
    public void close() {
        stages.close();
    }
}
