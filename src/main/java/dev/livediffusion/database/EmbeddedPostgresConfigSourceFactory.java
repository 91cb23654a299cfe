package dev.livediffusion.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
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
    static final String TCP_PORT = "app.database.tcp-port";
    static final String DEFAULT_DATA_DIR = "data/postgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL))) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue(DATA_DIR);
        ConfigValue tcpPort = context.getValue(TCP_PORT);
        return List.of(new EmbeddedPostgresConfigSource(EmbeddedPostgresSettings.of(
                Path.of(isSet(dataDir) ? dataDir.getValue() : DEFAULT_DATA_DIR),
                isSet(tcpPort) ? OptionalInt.of(Integer.parseInt(tcpPort.getValue().strip())) : OptionalInt.empty())));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
