package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The live channel's limits in force, changeable while running (initialised from {@link LiveConfig}). */
@ApplicationScoped
public class LiveSettings {

    /** Seeds are kept to integers a JavaScript client holds exactly. */
    public static final long MAX_SEED = (1L << 53) - 1;

    private volatile int maxPromptChars;
    private volatile int maxMessageBytes;
    private volatile int messagesPerSecond;
    private volatile int maxConnections;
    private volatile long defaultSeed;
    private volatile int maxBatch;

    @Inject
    LiveSettings(LiveConfig config) {
        maxPromptChars = config.maxPromptChars();
        maxMessageBytes = config.maxMessageBytes();
        messagesPerSecond = config.messagesPerSecond();
        maxConnections = config.maxConnections();
        defaultSeed = config.defaultSeed();
        maxBatch = config.maxBatch();
    }

    public int maxPromptChars() {
        return maxPromptChars;
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

    public int maxBatch() {
        return maxBatch;
    }

    public void setMaxPromptChars(int value) {
        maxPromptChars = positive(value, "maxPromptChars");
    }

    public void setMessagesPerSecond(int value) {
        messagesPerSecond = positive(value, "messagesPerSecond");
    }

    public void setMaxConnections(int value) {
        maxConnections = positive(value, "maxConnections");
    }

    public void setDefaultSeed(long value) {
        if (value < 0 || value > MAX_SEED) {
            throw new IllegalArgumentException("defaultSeed must be between 0 and " + MAX_SEED);
        }
        defaultSeed = value;
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
