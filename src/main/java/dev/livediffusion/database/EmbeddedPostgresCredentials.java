package dev.livediffusion.database;

import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The app's role and its password for each new pooled connection to the embedded server; Quarkus asks with the
 * data directory, which {@link EmbeddedPostgresConfigSource} gives as {@code quarkus.datasource.credentials-provider}.
 */
@ApplicationScoped
@Named(EmbeddedPostgresCredentials.NAME)
public class EmbeddedPostgresCredentials implements CredentialsProvider {

    static final String NAME = "embedded-postgres";

    @Override
    public Map<String, String> getCredentials(String dataDirectory) {
        if (EmbeddedPostgresServer.isRunning(Path.of(dataDirectory))) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.running(Path.of(dataDirectory));
            return Map.of(USER_PROPERTY_NAME, server.username(), PASSWORD_PROPERTY_NAME, server.password());
        }
        // A package built without a datasource URL records this provider; run with QUARKUS_DATASOURCE_JDBC_URL, it
        // starts no embedded server and the configured user and password are the ones to log in with.
        Config config = ConfigProvider.getConfig();
        Map<String, String> configured = new HashMap<>();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(v -> configured.put(USER_PROPERTY_NAME, v));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(v -> configured.put(PASSWORD_PROPERTY_NAME, v));
        return configured;
    }
}
