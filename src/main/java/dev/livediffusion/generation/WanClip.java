package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * One Wan video, made section by section ({@link ClipSections}), each after the first made beside the last clean
 * latent frame of the one before ({@link WanVideoPipeline}'s context rule), each for the prompt in force when it is
 * made, its frames decoded chunk by chunk as they are due.
 */
final class WanClip implements VideoContext {

    private final ClipSections sections;
    private final int frameRate;
    private WanVideoPipeline.Section section;
    private int chunksDecoded;
    private int chunks;

    WanClip(long seed, int frameRate) {
        this.sections = new ClipSections(seed);
        this.frameRate = frameRate;
    }

    @Override
    public long seed() {
        return sections.seed();
    }

    @Override
    public int nextIndex() {
        return sections.nextIndex();
    }

    @Override
    public int frameRate() {
        return frameRate;
    }

    /** Only a new section reads the prompt: the frames of one made earlier show the prompt they were made for. */
    @Override
    public boolean nextFrameTakesPrompt() {
        return needsFrames() && needsSection();
    }

    /** Whether the frames decoded so far are all taken. */
    boolean needsFrames() {
        return sections.needsFrames();
    }

    /** Whether the current section's chunks are all decoded (true before the first). */
    boolean needsSection() {
        return chunksDecoded == chunks;
    }

    long sectionSeed() {
        return sections.nextSeed();
    }

    /** The last clean latent frame made so far, or null before the first section. */
    Tensor context() {
        return section == null ? null : section.context();
    }

    /** @param chunks how many decoder chunks its frames take */
    void startSection(WanVideoPipeline.Section made, int chunks) {
        sections.startSection();
        section = made;
        this.chunks = chunks;
        chunksDecoded = 0;
    }

    WanVideoPipeline.Section section() {
        return section;
    }

    /** The index of the current section's next chunk to decode. */
    int nextChunk() {
        return chunksDecoded;
    }

    /** @param frames the next chunk's frames, [f, 3, H, W] */
    void hold(Tensor frames) {
        sections.hold(frames);
        chunksDecoded++;
    }

    Tensor takeFrame() {
        return sections.take();
    }

    /** The tokens of the prompt the current section was made for. */
    int tokens() {
        return section.tokens();
    }
}
