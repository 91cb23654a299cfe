package dev.livediffusion.admin.auth;

import dev.livediffusion.database.Jdbc;
import dev.livediffusion.shared.AppSecret;
import dev.livediffusion.shared.FileImport;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The admin password's hash: from {@code app.admin.password-hash}, else from the database, which every instance
 * shares. The first start on a database imports the hash file of earlier versions; without one, a random password
 * is made, its hash stored, and the password logged this one time.
 */
@ApplicationScoped
@Startup
public class AdminPassword {

    static final int MIN_LENGTH = 12;
    private static final Logger LOG = Logger.getLogger(AdminPassword.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final String SECRET = "admin_password_hash";

    private final PasswordHash hash;

    AdminPassword(AdminConfig config, Jdbc jdbc) {
        this.hash = config.passwordHash().map(text -> parse(text, "app.admin.password-hash"))
                .orElseGet(() -> jdbc.inTransaction(c -> stored(c, Path.of(config.hashFile()))));
    }

    boolean matches(char[] password) {
        return hash.matches(password);
    }

    /** Claiming the import first makes a second instance starting at once wait, then find this one's hash. */
    private static PasswordHash stored(Connection c, Path file) throws SQLException {
        boolean importFile = FileImport.claim(c, "admin-password-hash") && Files.exists(file);
        Optional<String> stored = AppSecret.read(c, SECRET);
        if (stored.isPresent()) {
            return parse(stored.get(), "the database's " + SECRET + " (delete that row of app_secret to get a new password)");
        }
        PasswordHash created;
        if (importFile) {
            created = parse(read(file), file + " (delete the file to get a new password)");
            LOG.infof("imported the admin password hash from %s into the database", file);
        } else {
            char[] password = randomPassword();
            created = PasswordHash.create(password);
            LOG.warnf("%n%n    Admin password (shown only this once): %s%n    Log in at /admin; its hash is kept in the database.%n",
                    new String(password));
        }
        AppSecret.insert(c, SECRET, created.encoded());
        return created;
    }

    private static PasswordHash parse(String text, String source) {
        try {
            return PasswordHash.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the admin password hash in " + file, e);
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

}
