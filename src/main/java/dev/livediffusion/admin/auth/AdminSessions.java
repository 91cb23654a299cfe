package dev.livediffusion.admin.auth;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin logins that are open, kept on the server: the login cookie only names one, so logging out (or a
 * restart) ends it even for a copy of the cookie. Each carries its own CSRF token, which is therefore bound
 * to the login it was issued for.
 */
@ApplicationScoped
public class AdminSessions {

    /** However active, a login lasts this long; the cookie's own idle timeout ends it sooner. */
    static final Duration MAX_AGE = Duration.ofHours(12);
    /** The oldest login is ended when one more would pass this. */
    static final int MAX_OPEN = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Session(String id, String csrfToken, Instant opened) {
    }

    private final Map<String, Session> open = new ConcurrentHashMap<>();

    Session open() {
        Instant now = Instant.now();
        open.values().removeIf(session -> expired(session, now));
        while (open.size() >= MAX_OPEN) {
            open.values().stream().min(Comparator.comparing(Session::opened)).ifPresent(oldest -> open.remove(oldest.id()));
        }
        Session session = new Session(randomToken(), randomToken(), now);
        open.put(session.id(), session);
        return session;
    }

    Optional<Session> find(String id) {
        Session session = id == null ? null : open.get(id);
        if (session == null || expired(session, Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** The CSRF token of the login this request is made with; empty without one. */
    public Optional<String> csrfToken(RoutingContext routing) {
        return AdminIdentity.sessionId(routing).flatMap(this::find).map(Session::csrfToken);
    }

    void close(String id) {
        open.remove(id);
    }

    private static boolean expired(Session session, Instant now) {
        return session.opened().plus(MAX_AGE).isBefore(now);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
