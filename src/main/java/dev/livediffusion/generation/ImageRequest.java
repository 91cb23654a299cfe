package dev.livediffusion.generation;

/** What to draw: the prompt as typed and the seed of the starting noise. */
public record ImageRequest(String prompt, long seed) {
}
