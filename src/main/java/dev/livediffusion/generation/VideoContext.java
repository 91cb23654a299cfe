package dev.livediffusion.generation;

/** One video in the making: what its contract keeps between frames. Made and read by one {@link VideoPipeline}. */
public interface VideoContext {

    long seed();

    /** Index of the frame the next call generates. */
    int nextIndex();
}
