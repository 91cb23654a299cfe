package dev.livediffusion.generation;

/** What to draw: the prompt as typed and the seed of the starting noise. */
public record ImageRequest(String prompt, long seed) {

    /** Seeds are kept to integers a JavaScript client holds exactly: the socket, the REST API and galleries agree. */
    public static final long MAX_SEED = (1L << 53) - 1;
}
