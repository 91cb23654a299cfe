package dev.livediffusion.live;

import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.PromptText;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.concurrent.CompletionStage;

/**
 * One live connection: its socket, reached only through the send methods here (which keep the {@link Outbox}'s
 * bounds), and its latest-wins state. The newest prompt not yet started sits in a single slot (a newer one replaces
 * it), and at most one frame is queued, being generated or being sent at a time.
 */
final class LiveSession {

    /** What the scheduler does with an offered prompt. */
    enum Offer {
        /** The session joins the engine's queue. */
        QUEUE,
        /** Nothing now: the prompt waits in the slot until the frame in progress is out (or the session closed). */
        WAIT,
        /** As {@code WAIT}, and the prompt took the place of one that had not started: that one is skipped. */
        REPLACE
    }

    private final WebSocketConnection connection;
    private final Outbox outbox;
    private final String remoteAddress;
    private final String clientHost;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final ClientMemory memory;
    private final InitImageQueue initImages = new InitImageQueue();
    private final InputThrottle throttle;
    // pending and scheduled change together under this object's lock: the message thread offers, the scheduler's
    // thread takes, and whichever thread completes a write finishes
    private PromptMessage pending;
    /** True from being queued for the engine until its frame has been written to the socket. */
    private boolean scheduled;
    private volatile boolean ended;
    private volatile RunningVideo video;
    private String lastKey;
    private GeneratedImage lastFrame;

    LiveSession(WebSocketConnection connection, LiveUpgrades.Peer peer, long seed, Outbox.Limits outboxLimits) {
        this.connection = connection;
        this.outbox = new Outbox(connection, peer.channel(), outboxLimits);
        this.throttle = new InputThrottle(peer.channel());
        this.remoteAddress = peer.address();
        this.clientHost = peer.host();
        this.memory = new ClientMemory(seed);
    }

    LiveSessionInfo info() {
        return new LiveSessionInfo(connection.id(), remoteAddress, connection.creationTime(), memory.prompts());
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The client's address without its port, as limits per client count it. */
    String clientHost() {
        return clientHost;
    }

    ClientMemory memory() {
        return memory;
    }

    InputThrottle throttle() {
        return throttle;
    }

    InitImageQueue initImages() {
        return initImages;
    }

    CompletionStage<Void> sendHello(ServerMessages.Hello hello) {
        return outbox.sendHello(hello);
    }

    CompletionStage<Void> sendError(ServerMessages.Error error) {
        return outbox.sendError(error);
    }

    /** Completes within the write timeout: once written, or failed (refused, closed or timed out). */
    CompletionStage<Void> sendFrame(ServerMessages.FrameHeader header, byte[] image) {
        return outbox.sendFrame(header, image);
    }

    CompletionStage<Void> sendVideoEnd(ServerMessages.VideoEnd end) {
        return outbox.sendVideoEnd(end);
    }

    /** Tells the client why, then closes the connection with {@code code}. */
    void close(ServerMessages.Error why, int code, String reason) {
        sendError(why);
        close(code, reason);
    }

    void close(int code, String reason) {
        outbox.close(code, reason);
    }

    /** What waits unsent to this client (read by the backpressure test). */
    Outbox outbox() {
        return outbox;
    }

    /** Latest wins: {@code prompt} takes the slot, whatever waited there. */
    synchronized Offer offer(PromptMessage prompt) {
        if (isClosed()) {
            return Offer.WAIT;
        }
        boolean replaced = pending != null;   // a prompt waits only while the session is queued or busy
        pending = prompt;
        if (replaced) {
            return Offer.REPLACE;
        }
        if (scheduled) {
            return Offer.WAIT;
        }
        scheduled = true;
        return Offer.QUEUE;
    }

    /** The prompt to serve now that the session's turn came; null when there is none or the session has closed. */
    synchronized PromptMessage take() {
        PromptMessage prompt = pending;
        pending = null;
        return isClosed() ? null : prompt;
    }

    /**
     * The session's frame is out, or failed.
     *
     * @return true when a newer prompt arrived meanwhile, so the session is to queue again
     */
    synchronized boolean finish() {
        if (pending != null && !isClosed()) {
            return true;
        }
        scheduled = false;
        return false;
    }

    /** Queued for the engine, being generated or being sent. */
    synchronized boolean isScheduled() {
        return scheduled;
    }

    synchronized boolean hasPending() {
        return pending != null;
    }

    /** The frame last generated, when it answers the same picture as {@code prompt}; read by the scheduler only. */
    GeneratedImage reusableFrame(PromptMessage prompt) {
        String key = key(prompt);
        return key != null && key.equals(lastKey) ? lastFrame : null;
    }

    void rememberFrame(PromptMessage prompt, GeneratedImage frame) {
        lastKey = key(prompt);
        lastFrame = frame;
    }

    /** Null for a prompt with an init image: each stroke is a new picture, always rendered. */
    private static String key(PromptMessage prompt) {
        return prompt.init() != null ? null
                : prompt.seed() + "\u0000" + prompt.parameters() + "\u0000" + PromptText.normalize(prompt.text());
    }

    /** Latest wins for video too: the video being made takes {@code prompt} from its next frame. */
    boolean steerVideo(PromptMessage prompt) {
        RunningVideo running = videoBeingMade();
        if (running != null) {
            running.steer(prompt);
        }
        return running != null;
    }

    /** A playback report for the video being made paces it; one for a clip already over changes nothing. */
    void videoPlayed(PlayedMessage played) {
        RunningVideo running = videoBeingMade();
        if (running != null && running.id.equals(played.clip())) {
            running.pacer.played(played.index(), System.nanoTime());
        }
    }

    /** @return false when no video is being made */
    boolean stopVideo() {
        RunningVideo running = videoBeingMade();
        if (running != null) {
            running.stop();
        }
        return running != null;
    }

    private RunningVideo videoBeingMade() {
        RunningVideo running = video;
        return running == null || running.isFinished() ? null : running;
    }

    /** Called on the connection's message thread, once {@link #steerVideo} found no video being made. */
    void startVideo(RunningVideo video) {
        this.video = video;
    }

    /** The connection has closed, or is being closed: nothing more is made for it. */
    void end() {
        synchronized (this) {
            ended = true;
            pending = null;
        }
        stopVideo();
    }

    /** The connection has closed, or is closing. */
    boolean isClosed() {
        return ended || outbox.isClosing();
    }
}
