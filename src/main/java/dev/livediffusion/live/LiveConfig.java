package dev.livediffusion.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Start values of the live channel's limits; {@link LiveSettings} holds the ones in force. */
@ConfigMapping(prefix = "app.live")
public interface LiveConfig {

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

    /** {@code fixed}: start from {@link #defaultSeed()}; {@code random}: a random seed per connection. */
    @WithDefault("fixed")
    SeedMode seedMode();

    /**
     * Most prompts of different clients put into one engine call. Unset, the image model's engine decides
     * ({@link LiveSettings#maxBatchFor}).
     */
    Optional<Integer> maxBatch();

    /** Longest video a client may ask for: a minute at 8 frames/s. The property keeps the protocol's word, "clip". */
    @WithName("max-clip-frames")
    @WithDefault("480")
    int maxVideoFrames();

    /** Videos generated at the same time, over all connections. */
    @WithName("max-clips")
    @WithDefault("2")
    int maxVideos();

    /**
     * How far a clip is made ahead of what its client has on screen: a steering prompt shows after about this long.
     * Shorter leads steer faster and leave less slack for a slow frame.
     */
    @WithDefault("1s")
    Duration clipLead();

    /**
     * Origins of pages other than the app's own that may open /live (e.g. {@code https://pics.example.org}, where a
     * proxy rewrites the Host header); see {@link LiveOrigins}.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * Messages a connection may have waiting to be written before it is closed as not reading (1008). A client that
     * reads has one image frame and one video frame out at a time, plus the answers to a burst of messages.
     */
    @WithDefault("256")
    int maxUnsentMessages();

    /** Bytes a connection may have waiting to be written: a few frames (the test model's 512×512 JPEGs are 135 KB). */
    @WithDefault("1048576")
    long maxUnsentBytes();

    /** Longest a message may wait to be written before its connection is closed as not reading (1008). */
    @WithDefault("10s")
    Duration writeTimeout();

    /**
     * A tokenizer folder whose words the live page suggests instead of the image model's (tests: the embedded model's
     * words over the tiny test model); unset, the image model's.
     */
    Optional<String> guideTokenizer();
}
