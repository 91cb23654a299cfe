package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.function.Supplier;

/**
 * One SVD video, made section by section ({@link ClipSections}): each section of F frames is conditioned on the last
 * frame of the one before, and every section on frame 0's image embedding, the anchor against drift.
 */
final class SvdClip implements VideoContext {

    private final ClipSections sections;
    /** The picture section 0 starts from, made when frame 0 is due. */
    private final Supplier<Tensor> firstPicture;
    private Tensor anchor;
    private Tensor conditioning;

    SvdClip(long seed, Supplier<Tensor> firstPicture) {
        this.sections = new ClipSections(seed);
        this.firstPicture = firstPicture;
    }

    @Override
    public long seed() {
        return sections.seed();
    }

    @Override
    public int nextIndex() {
        return sections.nextIndex();
    }

    boolean needsSection() {
        return sections.needsFrames();
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
        return sections.nextSeed();
    }

    /** @param frames the section's frames, [F, 3, H, W] in [-1, 1] */
    void startSection(Tensor frames, Tensor anchor) {
        sections.startSection();
        sections.hold(frames);
        this.anchor = anchor;
    }

    /** The section's next frame, [1, 3, H, W]; its last conditions the next section. */
    Tensor takeFrame() {
        Tensor frame = sections.take();
        if (sections.needsFrames()) {
            conditioning = frame;
        }
        return frame;
    }
}
