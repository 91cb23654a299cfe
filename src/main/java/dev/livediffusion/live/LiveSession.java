package dev.livediffusion.live;

import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.PromptText;
import io.quarkus.websockets.next.WebSocketConnection;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One live connection's latest-wins state: the newest prompt not yet started sits in a single slot (a newer
 * one replaces it), and at most one frame is being generated or sent at a time. Everything sent to the client goes
 * through its {@link Outbox}.
 */
final class LiveSession {

    final Outbox outbox;
    final RateLimiter rateLimiter = new RateLimiter();
    final String remoteAddress;
    final AtomicLong prompts = new AtomicLong();
    private final WebSocketConnection connection;
    private final AtomicReference<PromptMessage> pending = new AtomicReference<>();
    /** True from being queued for the engine until its frame has been written to the socket. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile RunningClip clip;
    private long lastSeq = -1;
    private long seed;
    private String lastKey;
    private GeneratedImage lastFrame;

    LiveSession(WebSocketConnection connection, LiveUpgrades.Peer peer, long seed, Outbox.Limits outboxLimits) {
        this.connection = connection;
        this.outbox = new Outbox(connection, peer.channel(), outboxLimits);
        this.remoteAddress = peer.address();
        this.seed = seed;
    }

    LiveSessionInfo info() {
        return new LiveSessionInfo(connection.id(), remoteAddress, connection.creationTime(), prompts.get());
    }

    /** Called on the connection's own (serial) message thread. */
    void acceptSeq(long seq) {
        if (seq <= lastSeq) {
            throw new ProtocolException("bad_seq", seq, "\"seq\" must increase; the last one was " + lastSeq);
        }
        lastSeq = seq;
    }

    long seed() {
        return seed;
    }

    void rememberSeed(long seed) {
        this.seed = seed;
    }

    /** @return the prompt this one replaced before it was started, if any */
    PromptMessage offer(PromptMessage prompt) {
        return pending.getAndSet(prompt);
    }

    PromptMessage takePending() {
        return pending.getAndSet(null);
    }

    boolean hasPending() {
        return pending.get() != null;
    }

    /** Claims the right to queue this session; false when it is already queued or busy. */
    boolean trySchedule() {
        return !isClosed() && scheduled.compareAndSet(false, true);
    }

    /** Queued for the engine, being generated or being sent. */
    boolean isScheduled() {
        return scheduled.get();
    }

    void release() {
        scheduled.set(false);
    }

    /** The frame last generated, when it answers the same picture as {@code prompt}. */
    GeneratedImage reusableFrame(PromptMessage prompt) {
        return key(prompt).equals(lastKey) ? lastFrame : null;
    }

    void rememberFrame(PromptMessage prompt, GeneratedImage frame) {
        lastKey = key(prompt);
        lastFrame = frame;
    }

    private static String key(PromptMessage prompt) {
        return prompt.seed() + "\u0000" + PromptText.normalize(prompt.text());
    }

    RunningClip clip() {
        return clip;
    }

    void setClip(RunningClip clip) {
        this.clip = clip;
    }

    void close() {
        closed = true;
        pending.set(null);
        RunningClip running = clip;
        if (running != null) {
            running.stop();
        }
    }

    /** The connection has closed, or is closing. */
    boolean isClosed() {
        return closed || outbox.isClosing();
    }
}
