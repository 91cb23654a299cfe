package dev.livediffusion.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pictures asked for outside the live loop (the REST API). At most {@code app.model.one-shot-concurrency} run
 * at once, so scripts cannot crowd the engine away from live users; one that cannot start within
 * {@code app.model.one-shot-wait} is refused as busy, with nothing generated.
 */
@ApplicationScoped
public class OneShotGenerator {

    private final ImagePipeline pipeline;
    private final Semaphore running;
    private final long waitMillis;

    @Inject
    OneShotGenerator(ImagePipeline pipeline, ModelConfig config) {
        this(pipeline, config.oneShotConcurrency(), config.oneShotWait());
    }

    OneShotGenerator(ImagePipeline pipeline, int concurrency, Duration wait) {
        this.pipeline = pipeline;
        this.running = new Semaphore(concurrency, true);
        this.waitMillis = wait.toMillis();
    }

    public ModelInfo info() {
        return pipeline.info();
    }

    public GeneratedImage generate(ImageRequest request) {
        try {
            if (!running.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new EngineBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineBusyException();
        }
        try {
            return pipeline.generate(request);
        } finally {
            running.release();
        }
    }
}
