package dev.livediffusion.generation;

import java.util.List;
import java.util.Map;

/**
 * How a video model makes a video frame after frame, by the contract its graphs follow: this project's packed
 * context ({@link PackedContextVideo}), SVD-XT sections ({@link SvdVideo}) or Wan2.1 sections ({@link WanVideo}).
 */
interface VideoContract extends AutoCloseable {

    /** The contract's name as clients see it: "packed-context", "svd" or "wan". */
    String name();

    ModelInfo info();

    /** The frame rate of a video that sets none. */
    int frameRate();

    /**
     * Frames made together, each section conditioned on the one before: a prompt typed meanwhile shows from the
     * next section. 1 where every frame reads the prompt in force.
     */
    int sectionFrames();

    /** The settings a video prompt may name ({@link VideoSetting}) and their defaults; empty where it may name none. */
    Map<VideoSetting, Double> settings();

    /** Where this model's videos may start, given the app's image model; the default first. */
    List<FirstFrame> firstFrames(TurboImagePipeline image);

    /**
     * A video; from {@link FirstFrame#IMAGE}, the image model's picture of prompt and seed, made when frame 0 is due.
     *
     * @param settings values for some of {@link #settings()}, within their bounds; the defaults for the rest
     */
    VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image,
                       Map<VideoSetting, Double> settings);

    /** The video's next frame for the prompt in force, each stage timed on {@code clock}; advances the video. */
    VideoPipeline.Rendered render(VideoContext video, String prompt, Stopwatch clock);

    @Override
    void close();
}
