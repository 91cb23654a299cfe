package dev.livediffusion.generation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The video model, when one is configured or bundled; without one the app serves images only. */
@Startup
@ApplicationScoped
public class VideoModel {

    private static final Logger LOG = Logger.getLogger(VideoModel.class);

    private final VideoPipeline pipeline;
    private final VideoStarts starts;

    @Inject
    VideoModel(VideoConfig video, ModelConfig model, TurboImagePipeline image) {
        Optional<ModelFolder> folder = !video.enabled() ? Optional.empty()
                : video.path().map(p -> new ModelFolder(Path.of(p))).or(() -> EmbeddedModel.unpack(EmbeddedModel.VIDEO));
        if (folder.isEmpty()) {
            LOG.info("no video model configured or bundled: video mode is off");
            pipeline = null;
            starts = null;
            return;
        }
        try {
            pipeline = PipelineLoader.loadVideo(folder.get(), PipelineOptions.forVideo(model, video));
            LOG.infof("video model %s (%s) from %s at %d frames/s: %s", pipeline.info().name(), pipeline.contract(),
                    folder.get().root(), pipeline.frameRate(), pipeline.info().placement());
            warmUp(pipeline);
            starts = new VideoStarts(image, pipeline);
            LOG.infof(starts.firstFrames().get(0) == FirstFrame.IMAGE
                    ? "videos start from %s's picture of their prompt"
                    : "videos start from the video model's own first frame (its latent space is not %s's)", image.info().name());
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the video model: " + e.getMessage(), e);
        }
    }

    /**
     * Two frames of a throwaway video (the first without context, then one with it), so that the first user's video
     * does not pay ONNX Runtime's first runs of the graphs (README: what that cost).
     */
    private static void warmUp(VideoPipeline pipeline) {
        long start = System.nanoTime();
        VideoContext video = pipeline.startVideo(0);
        pipeline.nextFrame(video, "");
        pipeline.nextFrame(video, "");
        LOG.infof("video graphs warmed up in %.0f ms", Stopwatch.millisSince(start));
    }

    public Optional<VideoPipeline> pipeline() {
        return Optional.ofNullable(pipeline);
    }

    /** Where videos may start from, the default first; empty without a video model. */
    public List<FirstFrame> firstFrames() {
        return starts == null ? List.of() : starts.firstFrames();
    }

    /**
     * A video of the video model (which must be there) starting from {@code from}, one of {@link #firstFrames()},
     * with values for some of its {@link VideoPipeline#settings()}; an image-model start makes its picture when the
     * video's first frame is due, on the streaming thread.
     */
    public VideoContext startVideo(long seed, String prompt, FirstFrame from, Map<VideoSetting, Double> settings) {
        return starts.start(seed, prompt, from, settings);
    }

    void close(@Observes ShutdownEvent event) {
        if (pipeline != null) {
            pipeline.close();
        }
    }
}
