package dev.livediffusion.live;

import dev.livediffusion.generation.ImagePipeline;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

import java.util.List;

/** The live channel: prompts in as JSON text, frames out as binary. The protocol is in the README. */
@WebSocket(path = "/live")
public class LiveWebSocket {

    @Inject
    LiveSessions sessions;
    @Inject
    FrameScheduler scheduler;
    @Inject
    LiveSettings settings;
    @Inject
    LiveStats stats;
    @Inject
    ImagePipeline pipeline;

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        if (!sessions.tryAdd(connection.id(), new LiveSession(connection, settings.defaultSeed()), settings.maxConnections())) {
            connection.sendTextAndAwait(FramePacket.json(new ServerMessages.Error(null, "too_many_connections",
                    "the server has " + settings.maxConnections() + " live connections already; try again later")));
            connection.closeAndAwait(new CloseReason(1013, "too many connections"));
            return;
        }
        connection.sendTextAndAwait(FramePacket.json(new ServerMessages.Hello(
                List.of(new ServerMessages.Model(pipeline.modelName(), "image", pipeline.maxTokens())),
                new ServerMessages.Limits(settings.maxPromptChars(), settings.maxMessageBytes(),
                        settings.messagesPerSecond(), settings.maxConnections(), LiveSettings.MAX_SEED),
                settings.defaultSeed())));
    }

    @OnTextMessage
    public void onText(String message, WebSocketConnection connection) {
        LiveSession session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        try {
            if (!session.rateLimiter.tryAcquire(settings.messagesPerSecond())) {
                throw new ProtocolException("rate_limited", null,
                        "more than " + settings.messagesPerSecond() + " messages a second; slow down");
            }
            PromptMessage prompt = PromptMessage.parse(message, settings, session.seed());
            session.acceptSeq(prompt.seq());
            session.rememberSeed(prompt.seed());
            stats.promptsReceived.increment();
            scheduler.submit(session, prompt);
        } catch (ProtocolException e) {
            stats.refused.increment();
            connection.sendTextAndAwait(FramePacket.json(e.toMessage()));
        }
    }

    @OnBinaryMessage
    public void onBinary(Buffer message, WebSocketConnection connection) {
        stats.refused.increment();
        connection.sendTextAndAwait(FramePacket.json(new ServerMessages.Error(null, "binary_not_supported",
                "send prompts as JSON text messages")));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        sessions.remove(connection.id());
    }
}
