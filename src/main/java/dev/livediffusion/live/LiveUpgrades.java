package dev.livediffusion.live;

import dev.livediffusion.http.ClientAddress;
import io.netty.channel.Channel;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the WebSocket handshake API does not expose about a /live client: its address, for the admin page and per-client limits, and its
 * TCP channel, so that a client that stopped reading can be cut off (its close frame would wait behind everything it
 * does not read). A filter writes both into the headers of every request that asks for an upgrade, whatever its
 * path ("/live/" reaches the endpoint too) and however it spells the protocol, over any value the client sent.
 */
@ApplicationScoped
class LiveUpgrades {

    static final String ADDRESS_HEADER = "X-Live-Peer-Address";
    static final String HOST_HEADER = "X-Live-Peer-Host";
    static final String CHANNEL_HEADER = "X-Live-Channel";

    /**
     * The client of one live connection.
     *
     * @param address its address and port, as the admin page lists it
     * @param host its address alone ({@link ClientAddress}), as limits per client count it
     */
    record Peer(String address, String host, Channel channel) {
    }

    /** Channels that asked for an upgrade, by channel id, until their live connection opens or they close. */
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    void register(@Observes Filters filters) {
        filters.register(context -> {
            HttpServerRequest request = context.request();
            if (request.getHeader("Upgrade") != null) {
                // Vert.x has no public accessor for the channel; Quarkus reaches it the same way (VertxInputStream)
                Channel channel = ((ConnectionBase) request.connection()).channel();
                String id = channel.id().asLongText();
                if (channels.putIfAbsent(id, channel) == null) {
                    channel.closeFuture().addListener(closed -> channels.remove(id));
                }
                request.headers().set(ADDRESS_HEADER, String.valueOf(request.remoteAddress()));
                request.headers().set(HOST_HEADER, ClientAddress.of(request));
                request.headers().set(CHANNEL_HEADER, id);
            }
            context.next();
        }, 10);
    }

    /** The client of a connection that has just opened. */
    Peer claim(WebSocketConnection connection) {
        HandshakeRequest handshake = connection.handshakeRequest();
        Channel channel = channels.remove(handshake.header(CHANNEL_HEADER));
        if (channel == null) {
            throw new IllegalStateException("live connection " + connection.id() + " came without its channel");
        }
        return new Peer(handshake.header(ADDRESS_HEADER), handshake.header(HOST_HEADER), channel);
    }
}
