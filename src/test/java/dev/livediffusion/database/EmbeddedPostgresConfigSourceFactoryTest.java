package dev.livediffusion.database;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
        SmallRyeConfig config = config(Map.of("app.database.data-dir", dataDirectory.toString(),
                "app.database.binaries-dir", "target/postgres-binaries"));
        assertFalse(Files.exists(dataDirectory.resolve("PG_VERSION")), "building the configuration starts nothing");
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        assertTrue(url.contains(URLEncoder.encode(dataDirectory.toRealPath().toString(), StandardCharsets.UTF_8)), url);
        assertEquals("embedded-postgres", config.getValue("quarkus.datasource.credentials-provider-name", String.class));
        Map<String, String> login = new EmbeddedPostgresCredentials()
                .getCredentials(config.getValue("quarkus.datasource.credentials-provider", String.class));
        try (Connection c = DriverManager.getConnection(url, login.get("user"), login.get("password"));
             ResultSet row = c.createStatement().executeQuery("SELECT current_database()")) {
            assertTrue(row.next());
            assertEquals("livediffusion", row.getString(1));
            assertTrue(Files.exists(dataDirectory.resolve("postmaster.pid")), "the server runs on the data directory");
        } finally {
            EmbeddedPostgresServer.running(dataDirectory).stop();
        }
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EmbeddedPostgresConfigSourceFactory())
                .build();
    }
}
