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
import java.util.Optional;

/** The video model, when one is configured or bundled; without one the app serves images only. */
@Startup
@ApplicationScoped
public class VideoModel {

    private static final Logger LOG = Logger.getLogger(VideoModel.class);

    private final VideoPipeline pipeline;

    @Inject
    VideoModel(VideoConfig video, ModelConfig model) {
        Optional<ModelFolder> folder = !video.enabled() ? Optional.empty()
                : video.path().map(p -> new ModelFolder(Path.of(p))).or(() -> EmbeddedModel.unpack(EmbeddedModel.VIDEO));
        if (folder.isEmpty()) {
            LOG.info("no video model configured or bundled: video mode is off");
            pipeline = null;
            return;
        }
        try {
            pipeline = PipelineLoader.loadVideo(folder.get(), PipelineOptions.forVideo(model, video));
            LOG.infof("video model %s from %s at %d frames/s: %s", pipeline.modelName(), folder.get().root(),
                    pipeline.frameRate(), pipeline.placement());
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the video model: " + e.getMessage(), e);
        }
    }

    public Optional<VideoPipeline> pipeline() {
        return Optional.ofNullable(pipeline);
    }

    void close(@Observes ShutdownEvent event) {
        if (pipeline != null) {
            pipeline.close();
        }
    }
}
