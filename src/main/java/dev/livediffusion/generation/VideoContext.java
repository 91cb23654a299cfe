package dev.livediffusion.generation;

/** One video in the making: what its contract keeps between frames. Made and read by one {@link VideoPipeline}. */
public interface VideoContext {

    long seed();

    /** Index of the frame the next call generates. */
    int nextIndex();

    /** Frames per second it plays at: its model's, or the one its prompt set. */
    int frameRate();

    /**
     * Whether the next frame is made for the prompt in force then; false while frames made earlier for an older
     * prompt are handed out (an SVD section), so a client is told which prompt a frame shows.
     */
    default boolean nextFrameTakesPrompt() {
        return true;
    }
}
