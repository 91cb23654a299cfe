package dev.livediffusion.admin.auth;

import dev.livediffusion.crypto.Sha256;
import dev.livediffusion.database.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AdminSessionsTest {

    @Inject
    AdminSessions sessions;
    @Inject
    Jdbc jdbc;

    @BeforeEach
    void noLogins() {
        jdbc.update("DELETE FROM admin_login");
    }

    @Test
    void anOpenLoginIsFoundWithItsCsrfTokenUntilLoggedOut() {
        AdminSessions.Session session = sessions.open();
        AdminSessions.Session found = sessions.find(session.id()).orElseThrow();
        assertEquals(session.csrfToken(), found.csrfToken());
        assertNotEquals(session.id(), session.csrfToken());

        sessions.close(session.id());
        assertTrue(sessions.find(session.id()).isEmpty());
    }

    @Test
    void onlyTheIdsHashIsStored() {
        AdminSessions.Session session = sessions.open();
        byte[] stored = jdbc.inConnection(c -> {
            try (ResultSet row = c.createStatement().executeQuery("SELECT id_sha256 FROM admin_login")) {
                row.next();
                return row.getBytes(1);
            }
        });
        assertArrayEquals(Sha256.digest(session.id()), stored);
        assertTrue(sessions.find(Sha256.hex(session.id().getBytes())).isEmpty(), "the hash itself opens nothing");
    }

    @Test
    void aLoginEndsAfterTwelveHours() {
        AdminSessions.Session old = sessions.open();
        AdminSessions.Session young = sessions.open();
        jdbc.update("UPDATE admin_login SET opened_at = now() - interval '12 hours 1 second' WHERE id_sha256 = ?",
                (Object) Sha256.digest(old.id()));
        assertTrue(sessions.find(old.id()).isEmpty());
        assertTrue(sessions.find(young.id()).isPresent());

        sessions.open();
        assertEquals(2, count(), "opening one deletes the expired");
    }

    @Test
    void theOldestLoginEndsWhenOneMoreWouldPassTheCap() {
        List<AdminSessions.Session> opened = new ArrayList<>();
        for (int i = 0; i <= AdminSessions.MAX_OPEN; i++) {
            opened.add(sessions.open());
            // distinct opening times, so "oldest" is well defined
            jdbc.update("UPDATE admin_login SET opened_at = opened_at - make_interval(secs => ?) WHERE id_sha256 = ?",
                    AdminSessions.MAX_OPEN - i, Sha256.digest(opened.get(i).id()));
        }
        assertEquals(AdminSessions.MAX_OPEN, count());
        assertTrue(sessions.find(opened.get(0).id()).isEmpty(), "the oldest ended");
        assertTrue(sessions.find(opened.get(1).id()).isPresent());
        assertTrue(sessions.find(opened.get(AdminSessions.MAX_OPEN).id()).isPresent());
    }

    @Test
    void noIdFindsNothing() {
        sessions.open();
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("made-up").isEmpty());
    }

    private long count() {
        return jdbc.inConnection(c -> {
            try (ResultSet row = c.createStatement().executeQuery("SELECT count(*) FROM admin_login")) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
