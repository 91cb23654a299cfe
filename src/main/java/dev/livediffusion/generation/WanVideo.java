package dev.livediffusion.generation;

import java.util.List;

/**
 * Wan2.1 as the app streams it: frames handed out one by one from sections made on demand ({@link WanClip}), at the
 * folder's fps. Steering by typing: each section is made for the prompt in force when it is due, so a new prompt
 * shows from the next section.
 */
final class WanVideo implements VideoContract {

    private final WanVideoPipeline wan;

    WanVideo(WanVideoPipeline wan) {
        this.wan = wan;
    }

    @Override
    public String name() {
        return "wan";
    }

    @Override
    public ModelInfo info() {
        return wan.info();
    }

    @Override
    public int frameRate() {
        return wan.frameRate();
    }

    /** Text to video: the model draws frame 0 from the prompt. */
    @Override
    public List<FirstFrame> firstFrames(TurboImagePipeline image) {
        return List.of(FirstFrame.MODEL);
    }

    @Override
    public VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image) {
        return new WanClip(seed);
    }

    @Override
    public VideoPipeline.Rendered render(VideoContext video, String prompt, Stopwatch clock) {
        WanClip clip = (WanClip) video;   // a video is rendered by the contract that started it
        if (clip.needsSection()) {
            clip.startSection(wan.section(prompt, clip.sectionSeed(), clip.context(), wan.defaultSteps()));
            clock.lap("section");
        }
        return new VideoPipeline.Rendered(clip.takeFrame(), clip.tokens());
    }

    @Override
    public void close() {
        wan.close();
    }
}
