package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.List;

/**
 * The image model's pictures at an SVD video's frame size, [1, 3, H, W] in [-1, 1]: a clip's first picture, and a
 * frame redrawn for a new prompt, which is how typing steers a model that takes no text. Without an image model (the
 * warm-up's clip) the first picture is mid-grey and frames are kept as they are.
 */
final class SvdPictures {

    /**
     * How much of the frame a steering prompt redraws: ADD's image-to-image at 0.5 (SD-Turbo's documented setting)
     * changes what the prompt names and keeps the frame's layout, so the clip turns rather than cuts.
     */
    static final double STEERING_STRENGTH = 0.5;

    private final TurboImagePipeline image;
    private final int width;
    private final int height;

    /** @param image the app's image model, or null */
    SvdPictures(TurboImagePipeline image, int width, int height) {
        this.image = image;
        this.width = width;
        this.height = height;
    }

    /** The image model's picture of the prompt and seed. */
    Tensor draw(String prompt, long seed) {
        if (image == null) {
            return Tensor.scalar(0f, 1, 3, height, width);
        }
        return render(new ImageRequest(prompt, seed));
    }

    /**
     * {@code frame} [1, 3, H, W] redrawn by image-to-image for the prompt; an image model without a vae_encoder
     * draws the prompt afresh instead (a cut, but the prompt still lands).
     */
    Tensor redraw(Tensor frame, String prompt, long seed) {
        if (image == null) {
            return frame;
        }
        if (!image.info().imageToImage()) {
            return draw(prompt, seed);
        }
        return render(new ImageRequest(prompt, seed,
                new ImageToImage(FrameEncoder.toImage(frame, 0), STEERING_STRENGTH)));
    }

    private Tensor render(ImageRequest request) {
        TurboImagePipeline.Frame frame = image.render(List.of(request), new Stopwatch()).frames().get(0);
        return new ImageToImage(FrameEncoder.toImage(frame.chunk(), frame.index()), 1).pixels(width, height);
    }
}
