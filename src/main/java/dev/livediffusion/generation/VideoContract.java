package dev.livediffusion.generation;

import java.util.List;

/**
 * How a video model makes a video frame after frame, by the contract its graphs follow: this project's packed
 * context ({@link PackedContextVideo}), SVD-XT sections ({@link SvdVideo}) or Wan2.1 sections ({@link WanVideo}).
 */
interface VideoContract extends AutoCloseable {

    /** The contract's name as clients see it: "packed-context", "svd" or "wan". */
    String name();

    ModelInfo info();

    int frameRate();

    /** Where this model's videos may start, given the app's image model; the default first. */
    List<FirstFrame> firstFrames(TurboImagePipeline image);

    /** A video; from {@link FirstFrame#IMAGE}, the image model's picture of prompt and seed, made when frame 0 is due. */
    VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image);

    /** The video's next frame for the prompt in force, each stage timed on {@code clock}; advances the video. */
    VideoPipeline.Rendered render(VideoContext video, String prompt, Stopwatch clock);

    @Override
    void close();
}
