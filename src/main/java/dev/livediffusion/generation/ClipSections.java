package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * The frames of a clip made section by section (FramePack's idea), handed out one by one as they are held (a section
 * at once, or chunk by chunk). It keeps at most one section's frames, so a clip's memory does not grow with its
 * length.
 */
final class ClipSections {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private Tensor held;
    private int taken;
    private int sections;
    private int nextIndex;

    ClipSections(long seed) {
        this.seed = seed;
    }

    /** Section 0 draws from the clip's seed, as a single section does; section k from seed ^ k * golden. */
    static long sectionSeed(long seed, int section) {
        return seed ^ (section * GOLDEN);
    }

    long seed() {
        return seed;
    }

    /** Index in the clip of the frame {@link #take()} gives next. */
    int nextIndex() {
        return nextIndex;
    }

    /** Whether every frame held has been taken. */
    boolean needsFrames() {
        return held == null || taken == held.dim(0);
    }

    /** The seed of the section to make next. */
    long nextSeed() {
        return sectionSeed(seed, sections);
    }

    /** Counts a section begun: the next one draws the next seed. */
    void startSection() {
        sections++;
    }

    /** @param frames the frames to hand out next, [F, 3, H, W] in [-1, 1] */
    void hold(Tensor frames) {
        held = frames;
        taken = 0;
    }

    /** The next frame held, [1, 3, H, W]. */
    Tensor take() {
        nextIndex++;
        return held.slice(taken++, 1);
    }
}
