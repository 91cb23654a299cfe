package dev.livediffusion.database;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready only while the database commits a write (/q/health/ready), within {@link #WAIT_SECONDS}. Quarkus' own
 * connection check is off (application.properties): it passes as long as a connection opens, also when every save
 * fails (read-only data directory, full disk, read-only mode), and it hung with the server frozen. The write runs on
 * a thread of its own: a frozen server holds that thread, never the probe, which answers down meanwhile.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);
    private static final String NAME = "database writes";
    private static final int WAIT_SECONDS = 2;
    private static final int TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "readiness-write");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Boolean> write;

    DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        if (write == null || write.isDone()) {
            write = writer.submit(this::writes);
        }
        try {
            return write.get(WAIT_SECONDS, TimeUnit.SECONDS) ? HealthCheckResponse.up(NAME) : HealthCheckResponse.down(NAME);
        } catch (TimeoutException e) {
            LOG.warnf("the database has not taken a write within %d s", WAIT_SECONDS);
            return HealthCheckResponse.down(NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.down(NAME);
        } catch (ExecutionException e) {
            LOG.warnf("the readiness write failed: %s", e.getCause().toString());
            return HealthCheckResponse.down(NAME);
        }
    }

    private boolean writes() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.executeUpdate("INSERT INTO readiness_probe (id, written_at) VALUES (1, now())"
                    + " ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at");
            return true;
        } catch (SQLException e) {
            LOG.warnf("the database does not take a write: %s", e.getMessage());
            return false;
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        writer.shutdownNow();
    }
}
