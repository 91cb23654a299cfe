package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * One SVD video, made section by section (FramePack's idea): each section of F frames is conditioned on the last
 * frame of the one before, and on an anchor embedding against drift: frame 0's while the prompt stands. A changed
 * prompt redraws that last frame with the image model ({@link SvdPictures#redraw}) and re-anchors on the redrawn
 * picture: the CLIP embedding carries what a picture shows, so the old anchor would pull the clip back to the old
 * prompt's content. Its frames are handed out by {@link ClipSections}.
 */
final class SvdClip implements VideoContext {

    private final ClipSections sections;
    private final SvdPictures pictures;
    private final SvdSettings settings;
    /** The prompt the conditioning picture shows; null before the first section. */
    private String shown;
    private Tensor anchor;
    private Tensor conditioning;

    SvdClip(long seed, SvdPictures pictures, SvdSettings settings) {
        this.sections = new ClipSections(seed);
        this.pictures = pictures;
        this.settings = settings;
    }

    @Override
    public long seed() {
        return sections.seed();
    }

    @Override
    public int nextIndex() {
        return sections.nextIndex();
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
        return sections.needsFrames();
    }

    /**
     * The picture the next section starts from, [1, 3, H, W]: the first picture of the prompt, then the last frame
     * made, redrawn where the prompt has changed since.
     */
    Tensor conditioning(String prompt) {
        if (conditioning == null) {
            conditioning = pictures.draw(prompt, sections.seed());
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
