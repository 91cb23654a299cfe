package dev.livediffusion.live;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox's bounds, against a connection whose writes finish only when the test says (a client that does not
 * read) and a channel whose last handler, like Vert.x's, does not close at once.
 */
class OutboxTest {

    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private CloseReason closedWith;
    private final WebSocketConnection connection = (WebSocketConnection) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "sendText", "sendBinary" -> {
                            CompletableFuture<Void> write = new CompletableFuture<>();
                            writes.add(write);
                            yield Uni.createFrom().completionStage(write);
                        }
                        case "close" -> {
                            closedWith = (CloseReason) args[0];
                            yield Uni.createFrom().voidItem();
                        }
                        case "isClosed" -> closedWith != null;
                        case "id" -> "test-connection";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter(),
            new ChannelOutboundHandlerAdapter() {
                @Override
                public void close(ChannelHandlerContext context, ChannelPromise promise) {
                    // holds the close, as Vert.x does until what is unsent has been written
                }
            });

    @Test
    void aClientThatReadsKeepsItsConnection() {
        Outbox outbox = outbox(2, 1000, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            CompletionStage<Void> sent = outbox.sendError(error());
            assertEquals(1, outbox.unsentMessages());
            writes.get(i).complete(null);
            assertTrue(sent.toCompletableFuture().isDone() && !sent.toCompletableFuture().isCompletedExceptionally());
        }
        assertEquals(0, outbox.unsentMessages());
        assertEquals(0, outbox.unsentBytes());
        assertFalse(outbox.isClosing());
    }

    @Test
    void oneMessageMoreThanTheBoundClosesWith1008AndIsNotQueued() {
        Outbox outbox = outbox(3, 1 << 20, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            outbox.sendError(error());
        }
        CompletableFuture<Void> fourth = outbox.sendError(error()).toCompletableFuture();
        assertTrue(fourth.isCompletedExceptionally());
        assertEquals(3, writes.size(), "the fourth was not handed to the socket");
        assertEquals(3, outbox.unsentMessages());
        assertEquals(1008, closedWith.getCode());
        assertTrue(closedWith.getMessage().startsWith("not reading"), closedWith.getMessage());
        assertTrue(outbox.sendError(error()).toCompletableFuture().isCompletedExceptionally(), "nothing more is taken");
    }

    @Test
    void aFrameLargerThanTheBoundIsTakenAloneButNothingBehindIt() {
        Outbox outbox = outbox(100, 1000, Duration.ofMinutes(1));
        assertFalse(outbox.sendFrame(header(), new byte[5000]).toCompletableFuture().isDone(), "taken, being written");
        assertTrue(outbox.unsentBytes() > 5000);
        assertTrue(outbox.sendError(error()).toCompletableFuture().isCompletedExceptionally());
        assertEquals(1008, closedWith.getCode());
    }

    @Test
    void aWriteThatTakesLongerThanTheTimeoutClosesAndFails() throws Exception {
        Outbox outbox = outbox(100, 1 << 20, Duration.ofMillis(200));
        CompletableFuture<Void> sent = outbox.sendError(error()).toCompletableFuture();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> sent.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertEquals(1008, closedWith.getCode());
        assertTrue(closedWith.getMessage().contains("waited"), closedWith.getMessage());
    }

    @Test
    void theTcpConnectionIsCutWhenTheCloseHandshakeHangs() {
        Outbox outbox = outbox(100, 1 << 20, Duration.ofMinutes(1));
        outbox.sendError(error());
        outbox.close(1013, "too many connections");
        assertEquals(1013, closedWith.getCode());
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "the close handshake gets its grace");
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen(), "then the channel is closed past the handler that holds closes");
    }

    private Outbox outbox(int maxMessages, long maxBytes, Duration writeTimeout) {
        return new Outbox(connection, channel, new Outbox.Limits(maxMessages, maxBytes, writeTimeout));
    }

    private static ServerMessages.Error error() {
        return new ServerMessages.Error(1L, "bad_seq", "\"seq\" must increase");
    }

    private static ServerMessages.FrameHeader header() {
        return new ServerMessages.FrameHeader("frame", "image", 1, 64, 64, "image/jpeg", 1, "test", 1, 77, 1,
                Map.of(), null);
    }
}
