package dev.livediffusion.database;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database the app's configuration ends up naming. */
class EmbeddedPostgresConfigSourceFactoryTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aConfiguredUrlWinsAndNothingIsStarted() {
        SmallRyeConfig config = config(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example:5432/app",
                "app.database.data-dir", dataDirectory.toString()));
        assertEquals("jdbc:postgresql://db.example:5432/app", config.getValue("quarkus.datasource.jdbc.url", String.class));
        assertFalse(Files.exists(dataDirectory.resolve("PG_VERSION")), "no embedded server was set up");
    }

    @Test
    void withoutAUrlTheEmbeddedServerInTheDataDirectoryAnswers() throws Exception {
        SmallRyeConfig config = config(Map.of("app.database.data-dir", dataDirectory.toString()));
        assertFalse(Files.exists(dataDirectory.resolve("PG_VERSION")), "building the configuration starts nothing");
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url); ResultSet row = c.createStatement().executeQuery("SHOW data_directory")) {
            assertTrue(row.next());
            assertEquals(dataDirectory.toRealPath(), Path.of(row.getString(1)).toRealPath());
        } finally {
            EmbeddedPostgresServer.forDirectory(dataDirectory).stop();
        }
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EmbeddedPostgresConfigSourceFactory())
                .build();
    }
}
