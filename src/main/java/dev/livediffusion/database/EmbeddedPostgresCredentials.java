package dev.livediffusion.database;

import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.nio.file.Path;
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
        EmbeddedPostgresServer server = EmbeddedPostgresServer.running(Path.of(dataDirectory));
        return Map.of(USER_PROPERTY_NAME, server.username(), PASSWORD_PROPERTY_NAME, server.password());
    }
}
