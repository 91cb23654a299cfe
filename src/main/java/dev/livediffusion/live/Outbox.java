package dev.livediffusion.live;

import io.netty.channel.Channel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What one live connection has handed to its socket and the socket has not written yet. Nothing here waits for the
 * client. A client that stops reading would make the server hold everything meant for it, so its connection is
 * closed (1008) once more than {@link Limits} waits unwritten or a message has waited longer than the write timeout;
 * as that close frame queues behind what the client does not read, the TCP connection is cut soon after.
 */
final class Outbox {

    /** How much may wait unwritten; one message is always taken, however large. */
    record Limits(int maxMessages, long maxBytes, Duration writeTimeout) {
    }

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** How long a close handshake may take before the TCP connection is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final WebSocketConnection connection;
    private final Channel channel;
    private final Limits limits;
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();

    Outbox(WebSocketConnection connection, Channel channel, Limits limits) {
        this.connection = connection;
        this.channel = channel;
        this.limits = limits;
    }

    CompletionStage<Void> sendHello(ServerMessages.Hello hello) {
        return sendText(FramePacket.json(hello));
    }

    CompletionStage<Void> sendError(ServerMessages.Error error) {
        return sendText(FramePacket.json(error));
    }

    CompletionStage<Void> sendVideoEnd(ServerMessages.VideoEnd end) {
        return sendText(FramePacket.json(end));
    }

    /**
     * @return completes once the socket has written the frame, or fails when it was refused, the connection closed
     *         or the write timeout passed; so it completes within the write timeout
     */
    CompletionStage<Void> sendFrame(ServerMessages.FrameHeader header, byte[] image) {
        Buffer packet = FramePacket.encode(header, image);
        return send(packet.length(), () -> connection.sendBinary(packet));
    }

    private CompletionStage<Void> sendText(String json) {
        return send(Utf8.length(json), () -> connection.sendText(json));
    }

    private CompletionStage<Void> send(long size, Supplier<Uni<Void>> write) {
        if (closing.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the connection is closing"));
        }
        int waiting = messages.incrementAndGet();
        long waitingBytes = bytes.addAndGet(size);
        if (waiting > 1 && (waiting > limits.maxMessages() || waitingBytes > limits.maxBytes())) {
            settled(size);
            cutOff("not reading: over " + limits.maxMessages() + " messages or " + limits.maxBytes() + " bytes unsent");
            return CompletableFuture.failedFuture(new IllegalStateException("the client is not reading"));
        }
        CompletableFuture<Void> written = write.get().subscribeAsCompletionStage();
        written.whenComplete((ok, failure) -> settled(size));
        return written.copy().orTimeout(limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    if (failure instanceof TimeoutException) {
                        cutOff("not reading: a message waited " + limits.writeTimeout().toSeconds() + " s to be sent");
                    }
                });
    }

    /** The message is written, failed or refused: it no longer waits. */
    private void settled(long size) {
        messages.decrementAndGet();
        bytes.addAndGet(-size);
    }

    private void cutOff(String reason) {
        if (close(1008, reason)) {
            LOG.infof("live connection %s closed: %s", connection.id(), reason);
        }
    }

    /**
     * Sends nothing more, closes with {@code code} and cuts the TCP connection if the close handshake hangs. The cut
     * starts at the head of the channel's pipeline: from its tail, Vert.x would wait for the unsent data again.
     *
     * @return false when the connection was closing already
     */
    boolean close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        if (!connection.isClosed()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, failure -> { });
        }
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                channel.pipeline().firstContext().close();
            }
        }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    boolean isClosing() {
        return closing.get();
    }

    /** Messages handed to the socket and not written yet. */
    int unsentMessages() {
        return messages.get();
    }

    /** Bytes handed to the socket and not written yet. */
    long unsentBytes() {
        return bytes.get();
    }
}
