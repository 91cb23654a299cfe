package dev.livediffusion.live;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

/**
 * The live channel: prompts in as JSON text (or binary, with an init image), frames out as binary. The protocol is in the README. The callbacks run
 * on the event loop as each message is read (nothing in them blocks), so a flood cannot queue messages up behind them.
 * Everything sent goes through the connection's {@link LiveSession}, which bounds what waits for a slow reader.
 */
@WebSocket(path = "/live")
public class LiveWebSocket {

    @Inject
    LiveSessions sessions;
    @Inject
    LiveHello hello;
    @Inject
    LiveInbox inbox;

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        sessions.open(connection).ifPresent(hello::greet);
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String message, WebSocketConnection connection) {
        sessions.find(connection.id()).ifPresent(session -> inbox.text(session, message));
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer message, WebSocketConnection connection) {
        sessions.find(connection.id()).ifPresent(session -> inbox.binary(session, message.getBytes()));
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        sessions.remove(connection.id());
    }
}
