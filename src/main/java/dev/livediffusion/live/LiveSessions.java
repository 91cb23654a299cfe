package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open live connections by connection id. */
@ApplicationScoped
public class LiveSessions {

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

    /** @return false when {@code limit} connections are already open */
    synchronized boolean tryAdd(String id, LiveSession session, int limit) {
        if (sessions.size() >= limit) {
            return false;
        }
        sessions.put(id, session);
        return true;
    }

    LiveSession get(String id) {
        return sessions.get(id);
    }

    void remove(String id) {
        LiveSession session = sessions.remove(id);
        if (session != null) {
            session.close();
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
        session.outbox.sendError(new ServerMessages.Error(null, "disconnected",
                "an administrator closed this connection"));
        session.outbox.close(1008, "disconnected by an administrator");
        return true;
    }

    Collection<LiveSession> all() {
        return sessions.values();
    }
}
