package dev.livediffusion.live;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ThreadLocalRandom;

/** The live channel's limits in force, changeable while running (initialised from {@link LiveConfig}). */
@ApplicationScoped
public class LiveSettings {

    private volatile int maxMessageBytes;
    private volatile int messagesPerSecond;
    private volatile int maxConnections;
    private volatile long defaultSeed;
    private volatile SeedMode seedMode;
    private volatile int maxBatch;
    private volatile int maxVideoFrames;
    private volatile int maxVideos;
    private final Outbox.Limits outboxLimits;

    @Inject
    LiveSettings(LiveConfig config, ImagePipeline pipeline) {
        maxMessageBytes = config.maxMessageBytes();
        messagesPerSecond = config.messagesPerSecond();
        maxConnections = config.maxConnections();
        defaultSeed = config.defaultSeed();
        seedMode = config.seedMode();
        maxBatch = maxBatchFor(config, pipeline.info().engine());
        maxVideoFrames = config.maxVideoFrames();
        maxVideos = config.maxVideos();
        outboxLimits = new Outbox.Limits(config.maxUnsentMessages(), config.maxUnsentBytes(), config.writeTimeout());
    }

    /**
     * The configured most prompts per engine call, else 1 on the CPU engine and 4 on the GPU ones. On the CPU a
     * batch adds no frames/s and makes every frame in it wait for the others (README: the batching table).
     *
     * @param engine the engine that serves the image model: after a GPU engine fell back, the CPU's
     */
    public static int maxBatchFor(LiveConfig config, EngineKind engine) {
        return config.maxBatch().orElse(engine == EngineKind.ONNXRUNTIME ? 1 : 4);
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public int messagesPerSecond() {
        return messagesPerSecond;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public long defaultSeed() {
        return defaultSeed;
    }

    public SeedMode seedMode() {
        return seedMode;
    }

    /** The seed a new connection (or a REST request without one) starts from, following {@link #seedMode()}. */
    public long connectionSeed() {
        return seedMode == SeedMode.RANDOM ? ThreadLocalRandom.current().nextLong(PromptPolicy.MAX_SEED + 1) : defaultSeed;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int maxVideoFrames() {
        return maxVideoFrames;
    }

    public int maxVideos() {
        return maxVideos;
    }

    /** Fixed at start. */
    Outbox.Limits outboxLimits() {
        return outboxLimits;
    }

    public void setMaxVideos(int value) {
        maxVideos = positive(value, "maxVideos");
    }

    public void setMessagesPerSecond(int value) {
        messagesPerSecond = positive(value, "messagesPerSecond");
    }

    public void setMaxConnections(int value) {
        maxConnections = positive(value, "maxConnections");
    }

    public void setDefaultSeed(long value) {
        if (value < 0 || value > PromptPolicy.MAX_SEED) {
            throw new IllegalArgumentException("defaultSeed must be between 0 and " + PromptPolicy.MAX_SEED);
        }
        defaultSeed = value;
    }

    public void setSeedMode(SeedMode value) {
        if (value == null) {
            throw new IllegalArgumentException("seedMode must be fixed or random");
        }
        seedMode = value;
    }

    public void setMaxBatch(int value) {
        maxBatch = positive(value, "maxBatch");
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }
}
