package dev.livediffusion.admin.auth;

import dev.livediffusion.database.Jdbc;
import dev.livediffusion.shared.AppSecret;
import dev.livediffusion.shared.FileImport;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * The login cookie's encryption key, one for every instance on the database, so that a cookie made by one is read by
 * all; {@link FormLogin} hands it to Quarkus' form login when Quarkus sets up HTTP security.
 * <p>
 * Why here and not in a configuration source, where Quarkus looks for the key: sources are read while configuration
 * is built, before the datasource exists (the embedded server may not be up, Flyway has not made app_secret yet),
 * so a source could only keep a key per instance. Here the datasource is up, but Quarkus sets up HTTP security
 * before its own migrate-at-start, so the schema is migrated first (a no-op when current; Flyway's lock in
 * PostgreSQL makes instances starting at once take turns).
 * <p>
 * quarkus.http.auth.session.encryption-key, where set, wins. Else the database keeps the key: the first start on a
 * database imports the key file of earlier versions, or makes a key. Nothing about the key is logged.
 */
@ApplicationScoped
public class SessionCookieKey {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    private static final Logger LOG = Logger.getLogger(SessionCookieKey.class);
    private static final String SECRET = "admin_session_key";

    private final String value;

    SessionCookieKey(@ConfigProperty(name = KEY) Optional<String> configured, AdminConfig config, Flyway flyway, Jdbc jdbc) {
        this.value = configured.filter(key -> !key.isBlank()).orElseGet(() -> {
            flyway.migrate();
            return jdbc.inTransaction(c -> stored(c, Path.of(config.sessionKeyFile())));
        });
    }

    String value() {
        return value;
    }

    /** Claiming the import first makes a second instance starting at once wait, then find this one's key. */
    private static String stored(Connection c, Path file) throws SQLException {
        boolean importFile = FileImport.claim(c, "admin-session-key") && Files.exists(file);
        Optional<String> stored = AppSecret.read(c, SECRET);
        if (stored.isPresent()) {
            return stored.get();
        }
        String created = importFile ? read(file) : randomKey();
        if (importFile) {
            LOG.infof("imported the admin login cookie's key from %s into the database", file);
        }
        AppSecret.insert(c, SECRET, created);
        return created;
    }

    private static String read(Path file) {
        try {
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (key.isEmpty()) {
                throw new IllegalStateException(file + " is empty (delete it to get a new login cookie key)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the admin login cookie's key in " + file, e);
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
