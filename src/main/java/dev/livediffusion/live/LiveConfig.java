package dev.livediffusion.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Start values of the live channel's limits; {@link LiveSettings} holds the ones in force. */
@ConfigMapping(prefix = "app.live")
public interface LiveConfig {

    @WithDefault("400")
    int maxPromptChars();

    /** Largest text message handled; bigger ones get an error and are dropped. */
    @WithDefault("4096")
    int maxMessageBytes();

    @WithDefault("30")
    int messagesPerSecond();

    @WithDefault("64")
    int maxConnections();

    /** Seed used when a prompt message names none. */
    @WithDefault("42")
    long defaultSeed();

    /** Most prompts of different clients put into one engine call. */
    @WithDefault("4")
    int maxBatch();
}
