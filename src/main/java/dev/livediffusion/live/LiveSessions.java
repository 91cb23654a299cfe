package dev.livediffusion.live;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The open live connections by connection id. */
@ApplicationScoped
public class LiveSessions {

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    @Inject
    LiveUpgrades upgrades;
    @Inject
    LiveSettings settings;

    /**
     * The session of a connection that has just opened; empty, and the connection refused (1013), when the server
     * has as many as it takes.
     */
    Optional<LiveSession> open(WebSocketConnection connection) {
        LiveSession session = new LiveSession(connection, upgrades.claim(connection), settings.connectionSeed(),
                settings.outboxLimits());
        int limit = settings.maxConnections();
        if (!tryAdd(connection.id(), session, limit)) {
            session.close(new ServerMessages.Error(null, "too_many_connections",
                    "the server has " + limit + " live connections already; try again later"), 1013, "too many connections");
            return Optional.empty();
        }
        return Optional.of(session);
    }

    private synchronized boolean tryAdd(String id, LiveSession session, int limit) {
        if (sessions.size() >= limit) {
            return false;
        }
        sessions.put(id, session);
        return true;
    }

    Optional<LiveSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    void remove(String id) {
        LiveSession session = sessions.remove(id);
        if (session != null) {
            session.end();
        }
    }

    public int count() {
        return sessions.size();
    }

    /** Open connections, oldest first. */
    public List<LiveSessionInfo> list() {
        return sessions.values().stream().map(LiveSession::info)
                .sorted(Comparator.comparing(LiveSessionInfo::connectedSince)).toList();
    }

    /** Sessions whose frame is queued, being generated or being sent. */
    public int scheduled() {
        return (int) sessions.values().stream().filter(LiveSession::isScheduled).count();
    }

    /** Sessions holding a prompt that has not been started yet. */
    public int pending() {
        return (int) sessions.values().stream().filter(LiveSession::hasPending).count();
    }

    /**
     * Tells the client why, then closes its connection (close code 1008, policy violation).
     *
     * @return false when no such connection is open
     */
    public boolean disconnect(String id) {
        LiveSession session = sessions.get(id);
        if (session == null) {
            return false;
        }
        remove(id);
        session.close(new ServerMessages.Error(null, "disconnected", "an administrator closed this connection"),
                1008, "disconnected by an administrator");
        return true;
    }

    Collection<LiveSession> all() {
        return sessions.values();
    }
}
