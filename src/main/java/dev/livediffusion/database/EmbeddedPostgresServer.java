package dev.livediffusion.database;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real PostgreSQL binaries (zonky's build) run on a data directory that outlives the process, privately
 * ({@link AccessLockdown}), durably ({@link Postmaster}) and supervised ({@link PostmasterSupervisor}). One server
 * per directory and JVM: Quarkus test restarts ask again and get the running one; a JVM shutdown hook stops it.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();

    private final EmbeddedPostgresSettings settings;
    private final DataDirectoryLock lock;
    private final PostmasterSupervisor supervisor;
    private final Passwords passwords;

    private EmbeddedPostgresServer(EmbeddedPostgresSettings settings, DataDirectoryLock lock, PostmasterSupervisor supervisor,
                                   Passwords passwords) {
        this.settings = settings;
        this.lock = lock;
        this.supervisor = supervisor;
        this.passwords = passwords;
    }

    /** The server for this directory, started (and recovered after a crash) on first use. */
    static EmbeddedPostgresServer start(EmbeddedPostgresSettings settings) {
        return RUNNING.computeIfAbsent(settings.dataDirectory(), directory -> launch(settings));
    }

    static boolean isRunning(Path dataDirectory) {
        return RUNNING.containsKey(dataDirectory);
    }

    /** The server started on this directory by this class loader's {@link #start}. */
    static EmbeddedPostgresServer running(Path dataDirectory) {
        EmbeddedPostgresServer server = RUNNING.get(dataDirectory);
        if (server == null) {
            throw new IllegalStateException("no embedded PostgreSQL runs on " + dataDirectory);
        }
        return server;
    }

    private static EmbeddedPostgresServer launch(EmbeddedPostgresSettings settings) {
        Path directory = settings.dataDirectory();
        long start = System.nanoTime();
        try {
            WritableDirectory.require(directory);
            PostgresCommands commands = new PostgresCommands(PostgresBinaries.unpack(settings.binariesDirectory()));
            if (Files.notExists(directory.resolve("PG_VERSION"))) {
                LOG.infof("creating the embedded PostgreSQL's data directory %s", directory);
                commands.initdb(directory);
            }
            DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
            try {
                EmbeddedPostgresServer server = startLocked(settings, commands, lock);
                LOG.infof("embedded PostgreSQL ready in %d ms", (System.nanoTime() - start) / 1_000_000);
                return server;
            } catch (IOException | SQLException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (IOException | SQLException e) {
            // a file system exception's message is just the path
            String reason = e instanceof FileSystemException ? e.toString() : e.getMessage();
            throw new IllegalStateException("could not start the embedded PostgreSQL in " + directory + ": " + reason, e);
        }
    }

    private static EmbeddedPostgresServer startLocked(EmbeddedPostgresSettings settings, PostgresCommands commands,
                                                      DataDirectoryLock lock) throws IOException, SQLException {
        Path directory = settings.dataDirectory();
        Files.setPosixFilePermissions(directory, PrivateDirectory.OWNER_ONLY);
        boolean alreadyPrivate = AccessLockdown.isApplied(directory);
        if (!alreadyPrivate) {
            AccessLockdown.prepare(directory);
        }
        LOG.infof("starting embedded PostgreSQL in %s", directory);
        PostmasterSupervisor supervisor = PostmasterSupervisor.start(() -> {
            WritableDirectory.require(directory);
            StaleServerRecovery.prepare(directory);
            return Postmaster.start(commands, settings);
        });
        try {
            Passwords passwords = alreadyPrivate ? Passwords.load(directory) : AccessLockdown.apply(settings);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(settings, lock, supervisor, passwords);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            supervisor.stop();
            throw e;
        }
    }

    String jdbcUrl() {
        return settings.jdbcUrl(AccessLockdown.APP_ROLE);
    }

    String username() {
        return AccessLockdown.APP_ROLE;
    }

    String password() {
        return passwords.app();
    }

    /** Stops the server cleanly; the next {@link #start} starts it again on the same data. */
    void stop() {
        if (!RUNNING.remove(settings.dataDirectory(), this)) {
            return;
        }
        supervisor.stop();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warnf("could not release the lock on %s: %s", settings.dataDirectory(), e.getMessage());
        }
    }
}
