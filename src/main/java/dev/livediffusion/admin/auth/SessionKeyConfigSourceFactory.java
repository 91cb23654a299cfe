package dev.livediffusion.admin.auth;

import dev.livediffusion.files.PrivateFiles;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Supplies the login cookie's encryption key from a file (made at first start) when no other source sets
 * {@code quarkus.http.auth.session.encryption-key}, so Quarkus does not fall back to a temporary key that it
 * would print in the log. Registered through META-INF/services.
 * <p>
 * The key is read (or made) only when asked for, at run time. A source that named it up front would be read while
 * Quarkus builds the app, and the build would carry that one key, made on the build machine, into every
 * installation of the package.
 */
public class SessionKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    static final String FILE = "app.admin.session-key-file";
    static final String DEFAULT_FILE = "data/admin-session.key";
    /** Below application.properties and the environment, so a configured key always wins. */
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(KEY))) {
            return List.of();
        }
        ConfigValue file = context.getValue(FILE);
        return List.of(new KeyFileSource(Path.of(isSet(file) ? file.getValue() : DEFAULT_FILE)));
    }

    /** Names no property (so a build does not record one) and answers the key when it is asked for. */
    private static final class KeyFileSource implements ConfigSource {

        private final Path file;
        private String key;

        KeyFileSource(Path file) {
            this.file = file;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public synchronized String getValue(String propertyName) {
            if (!KEY.equals(propertyName)) {
                return null;
            }
            if (key == null) {
                key = readOrCreate(file);
            }
            return key;
        }

        @Override
        public String getName() {
            return "admin session key file " + file;
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String key = Base64.getEncoder().encodeToString(bytes);
            PrivateFiles.write(file, key + "\n");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the admin session key in " + file, e);
        }
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
