package dev.livediffusion.database;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a data directory startable after the app or the server was killed: a postmaster left running by a dead
 * JVM is stopped, a postmaster.pid naming a dead or unrelated process is removed. Runs under the
 * {@link DataDirectoryLock}, so no live app uses the directory.
 */
final class StaleServerRecovery {

    private static final Logger LOG = Logger.getLogger(StaleServerRecovery.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private StaleServerRecovery() {
    }

    static void prepare(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmasterPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(StaleServerRecovery::isPostgres);
        if (postmaster.isPresent()) {
            stopOrphan(postmaster.get());
        }
        if (Files.deleteIfExists(pidFile)) {
            LOG.infof("removed the stale %s left by an earlier run", pidFile);
        }
    }

    private static Optional<Long> postmasterPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
    }

    /** SIGTERM asks for a clean shutdown (checkpoint, no recovery needed next start). */
    private static void stopOrphan(ProcessHandle postmaster) {
        LOG.warnf("stopping PostgreSQL (pid %d) left running by an earlier run on this data directory", postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("PostgreSQL pid %d did not stop in %s, killing it", postmaster.pid(), STOP_WAIT);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }
}
