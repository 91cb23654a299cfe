package dev.livediffusion.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real PostgreSQL binaries (zonky) run on a data directory that outlives the process. One server per directory
 * and JVM: Quarkus test restarts ask again and get the running one; a JVM shutdown hook stops it.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /** The server for this directory, started (and recovered after a crash) on first use. */
    public static EmbeddedPostgresServer forDirectory(Path dataDirectory) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        return RUNNING.computeIfAbsent(key, EmbeddedPostgresServer::start);
    }

    private static EmbeddedPostgresServer start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            StaleServerRecovery.prepare(dataDirectory);
            LOG.infof("starting embedded PostgreSQL in %s", dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedPostgresServer(dataDirectory, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE + "?user=" + USER;
    }

    /** Stops the server cleanly; the next {@link #forDirectory} starts it again on the same data. */
    public void stop() {
        RUNNING.remove(dataDirectory, this);
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
