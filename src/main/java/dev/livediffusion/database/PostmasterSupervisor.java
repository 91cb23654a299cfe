package dev.livediffusion.database;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the server running: a postmaster that exits without being asked to (killed, crashed) is started again on
 * the same data directory, where PostgreSQL replays its write-ahead log, so the app recovers without a restart.
 * Failed starts are retried, waiting longer each time up to {@link #MAX_RETRY_WAIT}.
 */
final class PostmasterSupervisor {

    interface Launcher {
        Postmaster launch() throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(PostmasterSupervisor.class);
    private static final Duration FIRST_RETRY_WAIT = Duration.ofMillis(250);
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(4);

    private final Launcher launcher;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "postgres-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private Postmaster running;
    private boolean stopping;

    private PostmasterSupervisor(Launcher launcher) {
        this.launcher = launcher;
    }

    static PostmasterSupervisor start(Launcher launcher) throws IOException {
        PostmasterSupervisor supervisor = new PostmasterSupervisor(launcher);
        supervisor.watch(launcher.launch());
        return supervisor;
    }

    /** Stops the server; it stays stopped. */
    void stop() {
        Postmaster last;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            last = running;
        }
        restarts.shutdownNow();
        last.stop();
    }

    private synchronized void watch(Postmaster postmaster) {
        running = postmaster;
        postmaster.onExit().thenAccept(process -> died(process.pid(), process.exitValue()));
    }

    private synchronized void died(long pid, int exitCode) {
        if (!stopping) {
            LOG.warnf("PostgreSQL (pid %d) exited with code %d; starting it again", pid, exitCode);
            restarts.execute(() -> restart(FIRST_RETRY_WAIT));
        }
    }

    private synchronized void restart(Duration nextWait) {
        if (stopping) {
            return;
        }
        long start = System.nanoTime();
        try {
            watch(launcher.launch());
            LOG.infof("PostgreSQL is running again (pid %d, started in %d ms)", running.pid(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("PostgreSQL did not start again, next try in %d ms: %s", nextWait.toMillis(), e.getMessage());
            Duration after = nextWait.multipliedBy(2).compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : nextWait.multipliedBy(2);
            restarts.schedule(() -> restart(after), nextWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
