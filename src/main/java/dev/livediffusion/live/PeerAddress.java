package dev.livediffusion.live;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The WebSocket handshake API does not expose the client's address, so the upgrade request carries it in a
 * header set here (any value the client sent is overwritten) for {@link LiveSession} to read.
 */
@ApplicationScoped
class PeerAddress {

    static final String HEADER = "X-Live-Peer-Address";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            if ("/live".equals(context.normalizedPath())) {
                context.request().headers().set(HEADER, String.valueOf(context.request().remoteAddress()));
            }
            context.next();
        }, 10);
    }
}
