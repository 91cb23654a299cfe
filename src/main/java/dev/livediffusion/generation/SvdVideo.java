package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.List;
import java.util.Map;

/**
 * SVD-XT as the app streams it: frames handed out one by one from sections made on demand ({@link SvdClip}), with
 * the folder's settings where the prompt sets none ({@link SvdSettings}). SVD has no text: a video starts from the image model's picture of its prompt and seed, and a prompt
 * changed later reaches the next section through the image model's redraw of the last frame ({@link SvdPictures}).
 */
final class SvdVideo implements VideoContract {

    private final SvdVideoPipeline svd;

    SvdVideo(SvdVideoPipeline svd) {
        this.svd = svd;
    }

    @Override
    public String name() {
        return "svd";
    }

    @Override
    public ModelInfo info() {
        return svd.info();
    }

    @Override
    public int frameRate() {
        return svd.defaults().fps();
    }

    /** Any image model's picture, as SVD conditions on pixels; its own start is a mid-grey picture, not offered. */
    @Override
    public List<FirstFrame> firstFrames(TurboImagePipeline image) {
        return List.of(FirstFrame.IMAGE);
    }

    @Override
    public int sectionFrames() {
        return svd.frames();
    }

    @Override
    public Map<VideoSetting, Double> settings() {
        return svd.defaults().values();
    }

    @Override
    public VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image,
                              Map<VideoSetting, Double> settings) {
        SvdPictures pictures = new SvdPictures(from == FirstFrame.IMAGE ? image : null, info().width(), info().height());
        return new SvdClip(seed, pictures, svd.defaults().with(settings));
    }

    @Override
    public VideoPipeline.Rendered render(VideoContext video, String prompt, Stopwatch clock) {
        SvdClip clip = (SvdClip) video;   // a video is rendered by the contract that started it
        if (clip.needsSection()) {
            Tensor picture = clip.conditioning(prompt);
            clock.lap("picture");
            Tensor anchor = clip.anchor() != null ? clip.anchor() : svd.embed(picture);
            clip.startSection(svd.section(picture, anchor, clip.sectionSeed(), clip.settings()), anchor);
            clock.lap("section");
        }
        return new VideoPipeline.Rendered(clip.takeFrame(), 0);
    }

    @Override
    public void close() {
        svd.close();
    }
}
