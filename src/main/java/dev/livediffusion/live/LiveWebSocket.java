package dev.livediffusion.live;

import dev.livediffusion.generation.FirstFrame;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.moderation.PromptBlocklist;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

import java.util.ArrayList;
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
    @Inject
    PromptBlocklist blocklist;
    @Inject
    ClipStreamer clips;
    @Inject
    VideoModel videoModel;

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        LiveSession session = new LiveSession(connection, settings.connectionSeed());
        if (!sessions.tryAdd(connection.id(), session, settings.maxConnections())) {
            connection.sendTextAndAwait(FramePacket.json(new ServerMessages.Error(null, "too_many_connections",
                    "the server has " + settings.maxConnections() + " live connections already; try again later")));
            connection.closeAndAwait(new CloseReason(1013, "too many connections"));
            return;
        }
        List<ServerMessages.Model> models = new ArrayList<>();
        models.add(ServerMessages.Model.image(pipeline.modelName(), pipeline.maxTokens()));
        videoModel.pipeline().ifPresent(video -> models.add(new ServerMessages.Model(video.modelName(), "video",
                video.maxTokens(), video.frameRate(), settings.maxClipFrames(),
                videoModel.firstFrames().stream().map(FirstFrame::protocolName).toList())));
        connection.sendTextAndAwait(FramePacket.json(new ServerMessages.Hello(models,
                new ServerMessages.Limits(settings.maxPromptChars(), settings.maxMessageBytes(),
                        settings.messagesPerSecond(), settings.maxConnections(), ImageRequest.MAX_SEED),
                session.seed())));
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
            ClientMessage parsed = ClientMessage.parse(message, settings, blocklist, session.seed());
            session.acceptSeq(parsed.seq());
            if (parsed instanceof StopMessage stop) {
                clips.stop(session, stop);
            } else if (parsed instanceof PromptMessage prompt) {
                session.rememberSeed(prompt.seed());
                session.prompts.incrementAndGet();
                stats.countPromptsReceived();
                if (prompt.video()) {
                    clips.submit(session, prompt);
                } else {
                    scheduler.submit(session, prompt);
                }
            }
        } catch (ProtocolException e) {
            stats.countRefused();
            connection.sendTextAndAwait(FramePacket.json(e.toMessage()));
        }
    }

    @OnBinaryMessage
    public void onBinary(Buffer message, WebSocketConnection connection) {
        stats.countRefused();
        connection.sendTextAndAwait(FramePacket.json(new ServerMessages.Error(null, "binary_not_supported",
                "send prompts as JSON text messages")));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        sessions.remove(connection.id());
    }
}
