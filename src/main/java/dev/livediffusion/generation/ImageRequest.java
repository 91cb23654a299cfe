package dev.livediffusion.generation;

import java.util.Objects;

/**
 * What to draw: the prompt as typed, the seed of the starting noise, the picture to start from (or null), and the
 * steps and size (null: the model's, {@link ImageParameters#defaults}).
 */
public record ImageRequest(String prompt, long seed, ImageToImage init, ImageParameters parameters) {

    public ImageRequest(String prompt, long seed) {
        this(prompt, seed, null, null);
    }

    public ImageRequest(String prompt, long seed, ImageToImage init) {
        this(prompt, seed, init, null);
    }

    /** The same request with the model's parameters where it names none. */
    ImageRequest resolved(ImageParameters defaults) {
        return parameters != null ? this : new ImageRequest(prompt, seed, init, defaults);
    }

    /**
     * Requests that can share engine calls: the same steps and size, and text only or the same strength without a
     * mask (an inpainting request is blended with its own mask at every step, so it samples alone).
     */
    boolean samplesLike(ImageRequest other) {
        return Objects.equals(parameters, other.parameters) && (init == null) == (other.init == null)
                && (init == null || init.strength() == other.init.strength() && init.mask() == null
                && other.init.mask() == null);
    }
}
