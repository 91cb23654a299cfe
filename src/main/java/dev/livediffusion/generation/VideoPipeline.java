package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.List;
import java.util.Map;

/**
 * The video model as the app streams it: one frame per call, whatever contract its folder follows, so the prompt
 * may change between frames.
 */
public final class VideoPipeline implements AutoCloseable {

    /** The decoder's output for a video's frame, [1, 3, H, W] in [-1, 1], and how many tokens its prompt had. */
    record Rendered(Tensor image, int tokens) {
    }

    private final VideoContract contract;

    VideoPipeline(VideoContract contract) {
        this.contract = contract;
    }

    /** A video whose frames, the first included, the video model makes from its seed. */
    public VideoContext startVideo(long seed) {
        return contract.start(seed, "", FirstFrame.MODEL, null, Map.of());
    }

    /** A video starting {@code from} one of {@link #firstFrames}, with values for some of {@link #settings()}. */
    VideoContext startVideo(long seed, String prompt, FirstFrame from, TurboImagePipeline image,
                            Map<VideoSetting, Double> settings) {
        if (!firstFrames(image).contains(from)) {
            throw new IllegalArgumentException(info().name() + " cannot start videos from " + from.protocolName()
                    + " with " + image.info().name());
        }
        settings.forEach((setting, value) -> {
            if (!settings().containsKey(setting) || !setting.allows(value)) {
                throw new IllegalArgumentException(info().name() + " cannot take " + setting.protocolName() + " " + value);
            }
        });
        return contract.start(seed, prompt, from, image, settings);
    }

    /** The settings a video prompt may name and their defaults, in {@link VideoSetting}'s order; empty for none. */
    public Map<VideoSetting, Double> settings() {
        return contract.settings();
    }

    /** Where videos may start given the app's image model, the default first. */
    List<FirstFrame> firstFrames(TurboImagePipeline image) {
        return contract.firstFrames(image);
    }

    /** Generates the video's next frame for {@code prompt} and advances the video. */
    public GeneratedImage nextFrame(VideoContext video, String prompt) {
        Stopwatch clock = new Stopwatch();
        Rendered rendered = render(video, prompt, clock);
        return FrameEncoder.encode(rendered.image(), 0, clock.laps(), video.seed(), rendered.tokens(), info().name());
    }

    Rendered render(VideoContext video, String prompt, Stopwatch clock) {
        return contract.render(video, prompt, clock);
    }

    /** "packed-context", "svd" or "wan": the contract of the model's graphs. */
    public String contract() {
        return contract.name();
    }

    /** Frames made together, each section on the end of the one before; 1 where each frame reads the prompt. */
    public int sectionFrames() {
        return contract.sectionFrames();
    }

    /** The frame rate of a video that sets none. */
    public int frameRate() {
        return contract.frameRate();
    }

    public ModelInfo info() {
        return contract.info();
    }

    @Override
    public void close() {
        contract.close();
    }
}
