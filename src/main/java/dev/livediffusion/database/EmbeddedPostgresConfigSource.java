package dev.livediffusion.database;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.Set;

/**
 * Answers the datasource URL (user included) with that of the embedded server, which starts only when the URL is
 * first asked for: at run time, never while Quarkus builds the app.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    /** Below application.properties (250), environment (300) and system properties (400). */
    private static final int ORDINAL = 150;

    private final Path dataDirectory;

    EmbeddedPostgresConfigSource(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return EmbeddedPostgresConfigSourceFactory.URL.equals(propertyName)
                ? EmbeddedPostgresServer.forDirectory(dataDirectory).jdbcUrl()
                : null;
    }

    @Override
    public String getName() {
        return "EmbeddedPostgreSQL[" + dataDirectory + "]";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
