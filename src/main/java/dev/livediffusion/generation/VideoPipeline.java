package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.List;

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
        return contract.start(seed, "", FirstFrame.MODEL, null);
    }

    /** A video starting {@code from} one of {@link #firstFrames}. */
    VideoContext startVideo(long seed, String prompt, FirstFrame from, TurboImagePipeline image) {
        if (!firstFrames(image).contains(from)) {
            throw new IllegalArgumentException(info().name() + " cannot start videos from " + from.protocolName()
                    + " with " + image.info().name());
        }
        return contract.start(seed, prompt, from, image);
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
