package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * The frames of a clip made section by section (FramePack's idea), handed out one by one. It keeps one section's
 * frames, so a clip's memory does not grow with its length.
 */
final class ClipSections {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private Tensor section;
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

    boolean needsSection() {
        return section == null || taken == section.dim(0);
    }

    /** The seed of the section to make next. */
    long nextSeed() {
        return sectionSeed(seed, sections);
    }

    /** @param frames the section's frames, [F, 3, H, W] in [-1, 1] */
    void start(Tensor frames) {
        section = frames;
        taken = 0;
        sections++;
    }

    /** The section's next frame, [1, 3, H, W]. */
    Tensor take() {
        nextIndex++;
        return section.slice(taken++, 1);
    }
}
