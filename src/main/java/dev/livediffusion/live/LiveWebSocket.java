package dev.livediffusion.live;

import dev.livediffusion.generation.FirstFrame;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.prompt.PromptPolicy;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The live channel: prompts in as JSON text, frames out as binary. The protocol is in the README. The callbacks run
 * on the event loop as each message is read (nothing in them blocks), so a flood cannot queue messages up behind them.
 */
@WebSocket(path = "/live")
public class LiveWebSocket {

    @Inject
    LiveSessions sessions;
    @Inject
    LiveUpgrades upgrades;
    @Inject
    InboundLimits inbound;
    @Inject
    FrameScheduler scheduler;
    @Inject
    LiveSettings settings;
    @Inject
    LiveStats stats;
    @Inject
    ImagePipeline pipeline;
    @Inject
    PromptPolicy policy;
    @Inject
    ClipStreamer clips;
    @Inject
    VideoModel videoModel;

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        LiveSession session = new LiveSession(connection, upgrades.claim(connection), settings.connectionSeed(),
                settings.outboxLimits());
        if (!sessions.tryAdd(connection.id(), session, settings.maxConnections())) {
            session.outbox.sendError(new ServerMessages.Error(null, "too_many_connections",
                    "the server has " + settings.maxConnections() + " live connections already; try again later"));
            session.outbox.close(1013, "too many connections");
            return;
        }
        List<ServerMessages.Model> models = new ArrayList<>();
        models.add(ServerMessages.Model.image(pipeline.modelName(), pipeline.maxTokens()));
        videoModel.pipeline().ifPresent(video -> models.add(new ServerMessages.Model(video.modelName(), "video",
                video.maxTokens(), video.frameRate(), settings.maxClipFrames(),
                videoModel.firstFrames().stream().map(FirstFrame::protocolName).toList())));
        session.outbox.sendHello(new ServerMessages.Hello(models,
                new ServerMessages.Limits(policy.maxChars(), settings.maxMessageBytes(),
                        settings.messagesPerSecond(), settings.maxConnections(), PromptPolicy.MAX_SEED,
                        ClientMessage.MAX_SEQ),
                session.seed()));
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String message, WebSocketConnection connection) {
        LiveSession session = sessions.get(connection.id());
        if (session == null || !inbound.admit(session, Utf8.length(message))) {
            return;
        }
        try {
            ClientMessage parsed = ClientMessage.parse(message, settings, policy, session.seed());
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
            session.outbox.sendError(e.toMessage());
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer message, WebSocketConnection connection) {
        LiveSession session = sessions.get(connection.id());
        if (session != null && inbound.admit(session, message.length())) {
            stats.countRefused();
            session.outbox.sendError(new ServerMessages.Error(null, "binary_not_supported",
                    "send prompts as JSON text messages"));
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        sessions.remove(connection.id());
    }
}
