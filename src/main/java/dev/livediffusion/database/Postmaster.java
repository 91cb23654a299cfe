package dev.livediffusion.database;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of the server process, durable and private whatever postgresql.conf says (command-line settings win):
 * fsync, full-page writes and synchronous commits on, so a save confirmed to a client survives a crash; the Unix
 * socket inside the 0700 data directory; TCP on 127.0.0.1 only when a port is configured.
 */
final class Postmaster {

    private static final Logger LOG = Logger.getLogger(Postmaster.class);
    /** Crash recovery replays the write-ahead log since the last checkpoint, which can take a while. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(70);
    /** postmaster.pid: line 1 the pid, line 8 the server's state once it is running. */
    private static final int PID_LINE = 0;
    private static final int STATUS_LINE = 7;

    private final PostgresCommands commands;
    private final Path dataDirectory;
    private final Process process;
    private final ServerOutput output;

    private Postmaster(PostgresCommands commands, Path dataDirectory, Process process) {
        this.commands = commands;
        this.dataDirectory = dataDirectory;
        this.process = process;
        this.output = ServerOutput.follow(process);
    }

    /** Returns once the server accepts connections; throws, with the server's last words, if it exits first. */
    static Postmaster start(PostgresCommands commands, EmbeddedPostgresSettings settings) throws IOException {
        Postmaster postmaster = new Postmaster(commands, settings.dataDirectory(), commands.startServer(arguments(settings)));
        postmaster.awaitReady();
        return postmaster;
    }

    private static List<String> arguments(EmbeddedPostgresSettings settings) {
        String directory = settings.dataDirectory().toString();
        return List.of("-D", directory,
                "-c", "port=" + settings.port(),
                "-c", "listen_addresses=" + (settings.tcpPort().isPresent() ? "127.0.0.1" : ""),
                "-c", "unix_socket_directories=" + directory,
                "-c", "unix_socket_permissions=0700",
                "-c", "fsync=on",
                "-c", "full_page_writes=on",
                "-c", "synchronous_commit=on",
                // after a crash, sync the data directory with one call per file system, not one per file (2.3 s -> 0.05 s here)
                "-c", "recovery_init_sync_method=syncfs",
                "-c", "password_encryption=scram-sha-256",
                "-c", "timezone=UTC");
    }

    long pid() {
        return process.pid();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    void stop() {
        if (process.isAlive()) {
            try {
                commands.stopServer(dataDirectory);
            } catch (IOException e) {
                LOG.warnf("pg_ctl could not stop PostgreSQL (pid %d): %s", process.pid(), e.getMessage());
            }
        }
        try {
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warnf("PostgreSQL (pid %d) did not stop in %s, killing it", process.pid(), STOP_LIMIT);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (!isReady()) {
            if (!process.isAlive()) {
                throw new IOException("PostgreSQL exited (code " + process.exitValue() + ") while starting on " + dataDirectory
                        + ":\n" + output.lastLines());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("PostgreSQL was not ready after " + STARTUP_LIMIT + " on " + dataDirectory + ":\n"
                        + output.lastLines());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while PostgreSQL started", e);
            }
        }
    }

    /** What pg_ctl -w checks: this process's postmaster.pid says "ready". */
    private boolean isReady() throws IOException {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.size() > STATUS_LINE && lines.get(PID_LINE).strip().equals(Long.toString(process.pid()))
                    && lines.get(STATUS_LINE).strip().equals("ready");
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
