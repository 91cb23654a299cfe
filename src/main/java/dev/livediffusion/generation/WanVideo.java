package dev.livediffusion.generation;

import java.util.List;
import java.util.Map;

/**
 * Wan2.1 as the app streams it: frames handed out one by one from sections made on demand and decoded chunk by chunk
 * as their frames are due ({@link WanClip}), at the folder's fps. Steering by typing: each section is made for the prompt in force when it is due, so a new prompt
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
    public int sectionFrames() {
        return wan.sectionFrames();
    }

    /** None yet: steps, guidance and fps are the folder's. */
    @Override
    public Map<VideoSetting, Double> settings() {
        return Map.of();
    }

    @Override
    public VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image,
                              Map<VideoSetting, Double> settings) {
        return new WanClip(seed, wan.frameRate());
    }

    @Override
    public VideoPipeline.Rendered render(VideoContext video, String prompt, Stopwatch clock) {
        WanClip clip = (WanClip) video;   // a video is rendered by the contract that started it
        if (clip.needsFrames()) {
            if (clip.needsSection()) {
                WanVideoPipeline.Section section = wan.section(prompt, clip.sectionSeed(), clip.context(), wan.defaultSteps());
                clip.startSection(section, wan.chunks(section));
                clock.lap("section");
            }
            clip.hold(wan.decode(clip.section(), clip.nextChunk()));
            clock.lap("decode");
        }
        return new VideoPipeline.Rendered(clip.takeFrame(), clip.tokens());
    }

    @Override
    public void close() {
        wan.close();
    }
}
