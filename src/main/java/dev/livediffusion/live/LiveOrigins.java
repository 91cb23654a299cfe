package dev.livediffusion.live;

import dev.livediffusion.gallery.GalleryConfig;
import dev.livediffusion.http.JsonError;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which pages may open the live socket. A browser sends its page's {@code Origin} with every WebSocket handshake
 * and, unlike fetch, does not stop a cross-site one: without this check any site a visitor opens could use the
 * visitor's browser as a client (and its share of the engine). Allowed: no Origin (scripts and apps send none), the
 * app's own (the Origin names the host and port the handshake was sent to), {@code app.gallery.public-url}'s and
 * {@code app.live.allowed-origins}. Others get 403 before the upgrade.
 */
@ApplicationScoped
class LiveOrigins {

    /** Above {@link LiveUpgrades}: a refused handshake leaves nothing behind. */
    private static final int PRIORITY = 20;

    private final Set<String> allowed = new HashSet<>();

    LiveOrigins(LiveConfig live, GalleryConfig galleries) {
        live.allowedOrigins().ifPresent(origins -> origins.forEach(origin -> allowed.add(normalized(origin))));
        galleries.publicUrl().ifPresent(url -> allowed.add(normalized(url)));
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String origin = request.getHeader("Origin");
        if (request.getHeader("Upgrade") == null || origin == null || isAllowed(origin, request.getHeader("Host"))) {
            routing.next();
        } else {
            new JsonError("origin_refused", "pages of another site may not open this server's live socket")
                    .send(routing, 403);
        }
    }

    private boolean isAllowed(String origin, String host) {
        String normalized = normalized(origin);
        return !normalized.isEmpty() && (allowed.contains(normalized)
                || host != null && normalized.endsWith("://" + withPort(normalized, host)));
    }

    /** The Host header with the origin's default port where it names none, lower case. */
    private static String withPort(String origin, String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        boolean hasPort = lower.lastIndexOf(':') > lower.lastIndexOf(']');
        return hasPort ? lower : lower + ":" + (origin.startsWith("https://") ? 443 : 80);
    }

    /** scheme://host:port, lower case, the port written out; "" for what is no http(s) origin ("null" included). */
    private static String normalized(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return "";
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
