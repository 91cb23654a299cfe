package dev.livediffusion.generation;

/** What to draw: the prompt as typed, the seed of the starting noise, and the picture to start from (or null). */
public record ImageRequest(String prompt, long seed, ImageToImage init) {

    public ImageRequest(String prompt, long seed) {
        this(prompt, seed, null);
    }

    /** Requests that can share engine calls: the same sampling (text only, or the same strength). */
    boolean samplesLike(ImageRequest other) {
        return (init == null) == (other.init == null) && (init == null || init.strength() == other.init.strength());
    }
}
