package dev.livediffusion.admin.auth;

import dev.livediffusion.files.PrivateFiles;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The admin password's hash: from {@code app.admin.password-hash}, else from the hash file; when neither
 * exists, a random password is made at first start, its hash stored, and the password logged this one time.
 */
@ApplicationScoped
@Startup
public class AdminPassword {

    static final int MIN_LENGTH = 12;
    private static final Logger LOG = Logger.getLogger(AdminPassword.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final PasswordHash hash;

    AdminPassword(AdminConfig config) {
        this.hash = config.passwordHash().map(AdminPassword::configured).orElseGet(() -> fromFile(Path.of(config.hashFile())));
    }

    boolean matches(char[] password) {
        return hash.matches(password);
    }

    private static PasswordHash configured(String text) {
        try {
            return PasswordHash.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("app.admin.password-hash: " + e.getMessage());
        }
    }

    private static PasswordHash fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                try {
                    return PasswordHash.parse(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(file + ": " + e.getMessage() + " (delete the file to get a new password)");
                }
            }
            char[] password = randomPassword();
            PasswordHash created = PasswordHash.create(password);
            PrivateFiles.write(file, created.encoded() + "\n");
            LOG.warnf("%n%n    Admin password (shown only this once): %s%n    Log in at /admin; its hash is kept in %s.%n",
                    new String(password), file.toAbsolutePath());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the admin password hash in " + file, e);
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
