package dev.livediffusion.admin.auth;

import dev.livediffusion.crypto.Sha256;
import dev.livediffusion.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin logins that are open, kept in the database (table admin_login) so that every instance on it shares
 * them: the login cookie only names one, so logging out on any instance ends it on all of them, even for a copy of
 * the cookie. Only the SHA-256 of a login's id is stored. Each login carries its own CSRF token, which is therefore
 * bound to the login it was issued for. Ages are measured by the database's clock, which all instances share.
 */
@ApplicationScoped
public class AdminSessions {

    /** However active, a login lasts this long; the cookie's own idle timeout ends it sooner. */
    static final Duration MAX_AGE = Duration.ofHours(12);
    /** The oldest login is ended when one more would pass this. */
    static final int MAX_OPEN = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String YOUNG = "opened_at > now() - make_interval(secs => " + MAX_AGE.toSeconds() + ")";

    public record Session(String id, String csrfToken, Instant opened) {
    }

    private final Jdbc jdbc;

    AdminSessions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Ends expired logins, and the oldest ones beyond the cap, in the transaction that opens a new one. */
    Session open() {
        String id = randomToken();
        String csrfToken = randomToken();
        return jdbc.inTransaction(c -> {
            try (Statement statement = c.createStatement()) {
                // one opening at a time on the whole database, so that concurrent ones cannot pass the cap together
                statement.execute("LOCK TABLE admin_login IN SHARE ROW EXCLUSIVE MODE");
                statement.executeUpdate("DELETE FROM admin_login WHERE NOT (" + YOUNG + ")");
                statement.executeUpdate("DELETE FROM admin_login WHERE id_sha256 IN (SELECT id_sha256 FROM admin_login"
                        + " ORDER BY opened_at DESC OFFSET " + (MAX_OPEN - 1) + ")");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO admin_login (id_sha256, csrf_token) VALUES (?, ?) RETURNING opened_at")) {
                insert.setBytes(1, Sha256.digest(id));
                insert.setString(2, csrfToken);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return new Session(id, csrfToken, row.getTimestamp(1).toInstant());
                }
            }
        });
    }

    /** One indexed lookup; blocking, so not on an event loop. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.inConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT csrf_token, opened_at FROM admin_login WHERE id_sha256 = ? AND " + YOUNG)) {
                select.setBytes(1, Sha256.digest(id));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Session(id, row.getString(1), row.getTimestamp(2).toInstant()))
                            : Optional.empty();
                }
            }
        });
    }

    void close(String id) {
        jdbc.update("DELETE FROM admin_login WHERE id_sha256 = ?", (Object) Sha256.digest(id));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
