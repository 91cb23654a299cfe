package dev.livediffusion.generation;

import java.util.Arrays;
import java.util.List;

/**
 * Where a video model's videos may start: from the image model's picture of the prompt and seed when the two
 * models share a latent space (so the picture's latent is a frame the video model can continue), and always
 * from the video model's own first frame.
 */
final class VideoStarts {

    private final TurboImagePipeline image;
    private final VideoPipeline video;
    private final List<FirstFrame> firstFrames;

    VideoStarts(TurboImagePipeline image, VideoPipeline video) {
        this.image = image;
        this.video = video;
        boolean shared = image.latentSpace().equals(video.latentSpace())
                && Arrays.equals(image.latentShape(), video.latentShape());
        this.firstFrames = shared ? List.of(FirstFrame.IMAGE, FirstFrame.MODEL) : List.of(FirstFrame.MODEL);
    }

    /** The choices, the default first. */
    List<FirstFrame> firstFrames() {
        return firstFrames;
    }

    /** The picture is made when the video's first frame is due, on the thread that streams the video. */
    VideoContext start(long seed, String prompt, FirstFrame from) {
        if (!firstFrames.contains(from)) {
            throw new IllegalArgumentException(video.info().name() + " cannot start videos from " + from.protocolName()
                    + ": its latent space is not " + image.info().name() + "'s");
        }
        return video.startVideo(seed, from == FirstFrame.IMAGE ? () -> image.cleanLatent(new ImageRequest(prompt, seed)) : null);
    }
}
