package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Few-step next-frame generation with packed context (the embedded video model's layout). Each call makes
 * one frame from the clip's context and the prompt in force, so the prompt may change between frames.
 */
public final class VideoPipeline implements AutoCloseable {

    private final String name;
    private final PromptEncoder prompts;
    private final Denoiser denoiser;
    private final LatentDecoder decoder;
    private final NoiseSchedule schedule;
    private final int[] timesteps;
    private final double vaeScaling;
    private final long[] latentShape;
    private final int frameRate;
    private final ReentrantLock engine = new ReentrantLock(true);

    VideoPipeline(String name, PromptEncoder prompts, Denoiser denoiser, LatentDecoder decoder, NoiseSchedule schedule,
                  int[] timesteps, double vaeScaling, long[] latentShape, int frameRate) {
        this.name = name;
        this.prompts = prompts;
        this.denoiser = denoiser;
        this.decoder = decoder;
        this.schedule = schedule;
        this.timesteps = timesteps;
        this.vaeScaling = vaeScaling;
        this.latentShape = latentShape;
        this.frameRate = frameRate;
        for (String input : List.of("first_frame", "recent_frames", "history", "has_context")) {
            if (!denoiser.hasInput(input)) {
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

    public VideoClip startClip(long seed) {
        return new VideoClip(seed, latentShape);
    }

    /** Generates the clip's next frame for {@code prompt} and advances the clip. */
    public GeneratedImage nextFrame(VideoClip clip, String prompt) {
        Stopwatch clock = new Stopwatch();
        Tensor image = render(clip, prompt, clock);
        long encodeStart = System.nanoTime();
        BufferedImage frame = FrameEncoder.toImage(image, 0);
        byte[] jpeg = FrameEncoder.jpeg(frame);
        Map<String, Double> timings = new LinkedHashMap<>(clock.laps());
        timings.put("encode", Stopwatch.millisSince(encodeStart));
        return new GeneratedImage(jpeg, FrameEncoder.MIME, frame.getWidth(), frame.getHeight(), clip.seed(), name, timings);
    }

    /** The decoder's output for the clip's next frame, [1, 3, H, W] in [-1, 1]. */
    Tensor render(VideoClip clip, String prompt, Stopwatch clock) {
        engine.lock();
        try {
            TextConditioning text = prompts.encode(prompt);
            clock.lap("text");
            Tensor clean = denoise(clip, text);
            clock.lap("denoise");
            clip.advance(clean);
            Tensor image = decoder.decode(scale(clean, 1 / vaeScaling, null, 0));
            clock.lap("decode");
            return image;
        } finally {
            engine.unlock();
        }
    }

    /** x = sigma_0 n_0; per step x0 = x - sigma_k eps, then x = x0 + sigma_{k+1} n_{k+1}. Returns x0. */
    private Tensor denoise(VideoClip clip, TextConditioning text) {
        Map<String, Tensor> context = clip.contextInputs();
        Tensor x = scale(SeededNoise.normal(clip.noiseSeed(0), latentShape), schedule.sigma(timesteps[0]), null, 0);
        Tensor clean = x;
        for (int k = 0; k < timesteps.length; k++) {
            double sigma = schedule.sigma(timesteps[k]);
            Tensor eps = denoiser.predictNoise(scale(x, 1 / Math.sqrt(sigma * sigma + 1), null, 0), timesteps[k],
                    List.of(text), context);
            clean = scale(x, 1, eps, -sigma);
            if (k + 1 < timesteps.length) {
                x = scale(clean, 1, SeededNoise.normal(clip.noiseSeed(k + 1), latentShape),
                        schedule.sigma(timesteps[k + 1]));
            }
        }
        return clean;
    }

    /** a * t + b * u, elementwise (u may be null). */
    private static Tensor scale(Tensor t, double a, Tensor u, double b) {
        float[] out = new float[t.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * t.values()[i] + (u == null ? 0 : b * u.values()[i]));
        }
        return new Tensor(out, t.shape());
    }

    public int frameRate() {
        return frameRate;
    }

    public String modelName() {
        return name;
    }

    public int tokenCount(String prompt) {
        return prompts.tokenCount(prompt);
    }

    @Override
    public void close() {
        prompts.close();
        denoiser.close();
        decoder.close();
    }
}
