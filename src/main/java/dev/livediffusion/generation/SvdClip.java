package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * One SVD video, made section by section (FramePack's idea): each section of F frames is conditioned on the last
 * frame of the one before, and on an anchor embedding against drift: frame 0's while the prompt stands. A changed
 * prompt redraws that last frame with the image model ({@link SvdPictures#redraw}) and re-anchors on the redrawn
 * picture: the CLIP embedding carries what a picture shows, so the old anchor would pull the clip back to the old
 * prompt's content. It keeps one section's frames, so its memory does not grow with the video's length.
 */
final class SvdClip implements VideoContext {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final SvdPictures pictures;
    private final SvdSettings settings;
    /** The prompt the conditioning picture shows; null before the first section. */
    private String shown;
    private Tensor anchor;
    private Tensor conditioning;
    private Tensor section;
    private int sections;
    private int taken;
    private int nextIndex;

    SvdClip(long seed, SvdPictures pictures, SvdSettings settings) {
        this.seed = seed;
        this.pictures = pictures;
        this.settings = settings;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int nextIndex() {
        return nextIndex;
    }

    /** Only a new section reads the prompt: the frames of one made earlier show the prompt they were made for. */
    @Override
    public boolean nextFrameTakesPrompt() {
        return needsSection();
    }

    @Override
    public int frameRate() {
        return settings.fps();
    }

    SvdSettings settings() {
        return settings;
    }

    boolean needsSection() {
        return section == null || taken == section.dim(0);
    }

    /**
     * The picture the next section starts from, [1, 3, H, W]: the first picture of the prompt, then the last frame
     * made, redrawn where the prompt has changed since.
     */
    Tensor conditioning(String prompt) {
        if (conditioning == null) {
            conditioning = pictures.draw(prompt, seed);
        } else if (!prompt.equals(shown)) {
            conditioning = pictures.redraw(conditioning, prompt, sectionSeed());
            anchor = null;
        }
        shown = prompt;
        return conditioning;
    }

    /** The embedding sections are anchored on, or null before the first section and after a steering prompt. */
    Tensor anchor() {
        return anchor;
    }

    /** Section 0 draws from the video's seed, as a single section does; section k from seed ^ k * golden. */
    long sectionSeed() {
        return seed ^ (sections * GOLDEN);
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
