package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
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

    Collection<LiveSession> all() {
        return sessions.values();
    }
}
