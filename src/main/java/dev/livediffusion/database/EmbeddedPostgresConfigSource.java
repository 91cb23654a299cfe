package dev.livediffusion.database;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;

/**
 * Answers the datasource URL with that of the embedded server, which starts only when the URL is first asked for:
 * at run time, never while Quarkus builds the app. User and password come from {@link EmbeddedPostgresCredentials}
 * when a connection is made, as Quarkus reads plain user and password properties at build time too.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    /** Below application.properties (250), environment (300) and system properties (400). */
    private static final int ORDINAL = 150;

    private final EmbeddedPostgresSettings settings;

    EmbeddedPostgresConfigSource(EmbeddedPostgresSettings settings) {
        this.settings = settings;
    }

    /**
     * Quarkus maps the datasource's settings from the names sources list; the URL stays unlisted, as listing it
     * could have it read (and the server started) while Quarkus builds the app. Quarkus asks for it by name.
     */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of(EmbeddedPostgresConfigSourceFactory.CREDENTIALS_PROVIDER, EmbeddedPostgresConfigSourceFactory.CREDENTIALS_PROVIDER_NAME);
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case EmbeddedPostgresConfigSourceFactory.URL -> EmbeddedPostgresServer.start(settings).jdbcUrl();
            case EmbeddedPostgresConfigSourceFactory.CREDENTIALS_PROVIDER_NAME -> EmbeddedPostgresCredentials.NAME;
            case EmbeddedPostgresConfigSourceFactory.CREDENTIALS_PROVIDER -> settings.dataDirectory().toString();
            default -> null;
        };
    }

    @Override
    public String getName() {
        return "EmbeddedPostgreSQL[" + settings.dataDirectory() + "]";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
