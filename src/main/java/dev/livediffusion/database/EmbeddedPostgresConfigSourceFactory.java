package dev.livediffusion.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Supplies the default datasource's URL and credentials from an embedded PostgreSQL when no other source
 * configures a URL (QUARKUS_DATASOURCE_JDBC_URL, application.properties, ...). Registered through META-INF/services.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";
    static final String CREDENTIALS_PROVIDER_NAME = "quarkus.datasource.credentials-provider-name";
    static final String CREDENTIALS_PROVIDER = "quarkus.datasource.credentials-provider";
    static final String DATA_DIR = "app.database.data-dir";
    static final String BINARIES_DIR = "app.database.binaries-dir";
    static final String TCP_PORT = "app.database.tcp-port";
    static final String DEFAULT_DATA_DIR = "data/postgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL))) {
            return List.of();
        }
        return List.of(new EmbeddedPostgresConfigSource(EmbeddedPostgresSettings.of(
                Path.of(value(context, DATA_DIR).orElse(DEFAULT_DATA_DIR)),
                value(context, BINARIES_DIR).map(Path::of),
                value(context, TCP_PORT).map(port -> OptionalInt.of(Integer.parseInt(port))).orElse(OptionalInt.empty()))));
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return isSet(value) ? Optional.of(value.getValue().strip()) : Optional.empty();
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
