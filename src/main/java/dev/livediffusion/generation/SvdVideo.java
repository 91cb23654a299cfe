package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.List;
import java.util.function.Supplier;

/**
 * SVD-XT as the app streams it: frames handed out one by one from sections made on demand ({@link SvdClip}), at the
 * folder's fps. SVD has no text: a video starts from the image model's picture of its prompt and seed, and a
 * prompt changed later does not reach its frames.
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
    public VideoContext start(long seed, String prompt, FirstFrame from, TurboImagePipeline image) {
        int width = info().width();
        int height = info().height();
        Supplier<Tensor> picture = from == FirstFrame.IMAGE ? () -> pictureOf(image, prompt, seed, width, height)
                : () -> Tensor.scalar(0f, 1, 3, height, width);
        return new SvdClip(seed, picture);
    }

    /** The image model's picture of the prompt and seed at the video's frame size, [1, 3, H, W] in [-1, 1]. */
    private static Tensor pictureOf(TurboImagePipeline image, String prompt, long seed, int width, int height) {
        TurboImagePipeline.Frame frame = image.render(List.of(new ImageRequest(prompt, seed)), new Stopwatch()).frames().get(0);
        return new ImageToImage(FrameEncoder.toImage(frame.chunk(), frame.index()), 1).pixels(width, height);
    }

    @Override
    public VideoPipeline.Rendered render(VideoContext video, String prompt, Stopwatch clock) {
        SvdClip clip = (SvdClip) video;   // a video is rendered by the contract that started it
        if (clip.needsSection()) {
            Tensor picture = clip.conditioning();
            clock.lap("picture");
            Tensor anchor = clip.anchor() != null ? clip.anchor() : svd.embed(picture);
            clip.startSection(svd.section(picture, anchor, clip.sectionSeed(), svd.defaults()), anchor);
            clock.lap("section");
        }
        return new VideoPipeline.Rendered(clip.takeFrame(), 0);
    }

    @Override
    public void close() {
        svd.close();
    }
}
