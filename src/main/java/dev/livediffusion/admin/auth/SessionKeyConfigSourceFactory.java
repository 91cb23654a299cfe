package dev.livediffusion.admin.auth;

import dev.livediffusion.files.PrivateFiles;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Supplies the login cookie's encryption key from a file (made at first start) when no other source sets
 * {@code quarkus.http.auth.session.encryption-key}, so Quarkus does not fall back to a temporary key that it
 * would print in the log. Registered through META-INF/services.
 */
public class SessionKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    static final String FILE = "app.admin.session-key-file";
    static final String DEFAULT_FILE = "data/admin-session.key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(KEY))) {
            return List.of();
        }
        ConfigValue file = context.getValue(FILE);
        String key = readOrCreate(Path.of(isSet(file) ? file.getValue() : DEFAULT_FILE));
        // Below application.properties and the environment, so a configured key always wins.
        return List.of(new PropertiesConfigSource(Map.of(KEY, key), "admin session key file", 50));
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
