package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * One Wan video, made section by section ({@link ClipSections}), each after the first made beside the last clean
 * latent frame of the one before ({@link WanVideoPipeline}'s context rule), each for the prompt in force when it is
 * made.
 */
final class WanClip implements VideoContext {

    private final ClipSections sections;
    private WanVideoPipeline.Section section;

    WanClip(long seed) {
        this.sections = new ClipSections(seed);
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
        return sections.needsSection();
    }

    long sectionSeed() {
        return sections.nextSeed();
    }

    /** The last clean latent frame made so far, or null before the first section. */
    Tensor context() {
        return section == null ? null : section.context();
    }

    void startSection(WanVideoPipeline.Section made) {
        section = made;
        sections.start(made.frames());
    }

    Tensor takeFrame() {
        return sections.take();
    }

    /** The tokens of the prompt the current section was made for. */
    int tokens() {
        return section.tokens();
    }
}
