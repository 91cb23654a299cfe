package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.function.Supplier;

/**
 * One SVD video, made section by section (FramePack's idea): each section of F frames is conditioned on the last
 * frame of the one before, and every section on frame 0's image embedding, the anchor against drift. It keeps one
 * section's frames, so its memory does not grow with the video's length.
 */
final class SvdClip implements VideoContext {

    private final long seed;
    /** The picture section 0 starts from, made when frame 0 is due. */
    private final Supplier<Tensor> firstPicture;
    private Tensor anchor;
    private Tensor conditioning;
    private Tensor section;
    private int sections;
    private int taken;
    private int nextIndex;

    SvdClip(long seed, Supplier<Tensor> firstPicture) {
        this.seed = seed;
        this.firstPicture = firstPicture;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int nextIndex() {
        return nextIndex;
    }

    boolean needsSection() {
        return section == null || taken == section.dim(0);
    }

    /** The picture the next section starts from: the first picture, then the last frame made, [1, 3, H, W]. */
    Tensor conditioning() {
        return conditioning != null ? conditioning : firstPicture.get();
    }

    /** Frame 0's embedding, or null before the first section. */
    Tensor anchor() {
        return anchor;
    }

    long sectionSeed() {
        return SectionSeeds.of(seed, sections);
    }

    /** @param frames the section's frames, [F, 3, H, W] in [-1, 1] */
    void startSection(Tensor frames, Tensor anchor) {
        this.section = frames;
        this.anchor = anchor;
        this.taken = 0;
        sections++;
    }

    /** The section's next frame, [1, 3, H, W]; its last conditions the next section. */
    Tensor takeFrame() {
        Tensor frame = section.slice(taken++, 1);
        nextIndex++;
        if (taken == section.dim(0)) {
            conditioning = frame;
        }
        return frame;
    }
}
