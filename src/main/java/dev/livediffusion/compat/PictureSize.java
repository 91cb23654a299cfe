package dev.livediffusion.compat;

import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ModelInfo;

/**
 * The size of a picture a client asks for, which need not be one the model can draw: the model then draws at its
 * own size and the picture is scaled to this one ({@link ScaledPicture}), as the clients that ask for 1024x1024 of
 * any server (LibreChat, DALL-E's sizes) need.
 */
public record PictureSize(int width, int height) {

    /** Sides a client may ask for: A1111's sliders' range, DALL-E's largest side within it. */
    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 2048;

    public PictureSize {
        if (!fits(width) || !fits(height)) {
            throw new IllegalArgumentException("width and height must be from " + MIN_SIDE + " to " + MAX_SIDE);
        }
    }

    public static PictureSize of(ModelInfo model) {
        return new PictureSize(model.width(), model.height());
    }

    public static boolean fits(int side) {
        return side >= MIN_SIDE && side <= MAX_SIDE;
    }

    /**
     * The steps and size the model draws this picture with: at this size where the model can draw it (its own, or
     * any where its graphs are open), else at its own.
     *
     * @throws ImageParameters.Refused steps out of range
     */
    public ImageParameters drawing(ModelInfo model, Integer steps) {
        try {
            return ImageParameters.of(model, steps, width, height);
        } catch (ImageParameters.Refused e) {
            if (!e.code().equals("bad_size")) {
                throw e;
            }
            return ImageParameters.of(model, steps, null, null);
        }
    }

    boolean isSizeOf(ImageParameters drawn) {
        return drawn.width() == width && drawn.height() == height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
