package dev.livediffusion.generation;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads the configured image model at start, so a broken model folder stops the app with its reason. */
@ApplicationScoped
public class PipelineProducer {

    private static final Logger LOG = Logger.getLogger(PipelineProducer.class);

    @Produces
    @Startup
    @ApplicationScoped
    TurboImagePipeline pipeline(ModelConfig config) {
        try {
            ModelFolder folder = config.path().map(p -> new ModelFolder(Path.of(p))).orElseGet(PipelineProducer::embedded);
            TurboImagePipeline pipeline = PipelineLoader.load(folder, PipelineOptions.from(config));
            LOG.infof("image model %s from %s: %s", pipeline.info().name(), folder.root(),
                    pipeline.info().placement());
            // one picture now, so the first keystroke does not pay ONNX Runtime's first runs of the graphs
            long start = System.nanoTime();
            pipeline.generate(new ImageRequest("", 0));
            LOG.infof("image graphs warmed up in %.0f ms", Stopwatch.millisSince(start));
            return pipeline;
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the image model: " + e.getMessage(), e);
        }
    }

    void close(@Disposes TurboImagePipeline pipeline) {
        pipeline.close();
    }

    private static ModelFolder embedded() {
        return EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow(() -> new IllegalStateException(
                "this build has no embedded image model (models/" + EmbeddedModel.IMAGE
                        + " in the resources); set app.model.path to a model folder"));
    }
}
