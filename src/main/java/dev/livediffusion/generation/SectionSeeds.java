package dev.livediffusion.generation;

/** The seed of each section of a clip made section by section, as every reference under {@code training/} draws it. */
final class SectionSeeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SectionSeeds() {
    }

    /** Section 0 draws from the video's seed, as a single section does; section k from seed ^ k * golden. */
    static long of(long seed, int section) {
        return seed ^ (section * GOLDEN);
    }
}
