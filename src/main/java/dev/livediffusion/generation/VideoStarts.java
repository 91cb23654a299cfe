package dev.livediffusion.generation;

import java.util.List;
import java.util.Map;

/**
 * Where a video model's videos may start, given the app's image model: from the image model's picture of the
 * prompt and seed where the video model's contract can continue it, and from the video model's own first frame.
 */
final class VideoStarts {

    private final TurboImagePipeline image;
    private final VideoPipeline video;
    private final List<FirstFrame> firstFrames;

    VideoStarts(TurboImagePipeline image, VideoPipeline video) {
        this.image = image;
        this.video = video;
        this.firstFrames = video.firstFrames(image);
    }

    /** The choices, the default first. */
    List<FirstFrame> firstFrames() {
        return firstFrames;
    }

    /** The picture is made when the video's first frame is due, on the thread that streams the video. */
    VideoContext start(long seed, String prompt, FirstFrame from, Map<VideoSetting, Double> settings) {
        return video.startVideo(seed, prompt, from, image, settings);
    }
}
