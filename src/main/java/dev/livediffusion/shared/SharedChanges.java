package dev.livediffusion.shared;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells this instance when another changed shared state: one pooled connection LISTENs and waits in pgJDBC for
 * notifications, each firing a {@link SharedChange}. Writers {@link #announce} in their own transaction, so the
 * notice goes out on commit and never for a change that rolled back.
 */
@ApplicationScoped
public class SharedChanges {

    static final String CHANNEL = "shared_changes";
    private static final Logger LOG = Logger.getLogger(SharedChanges.class);
    /** How long one wait for notifications lasts; a notification ends it at once, so this only bounds shutdown. */
    private static final int WAIT_MS = 1000;
    private static final long RETRY_MS = 1000;

    private final DataSource dataSource;
    private final Event<SharedChange> changes;
    private volatile boolean running;
    private Thread listener;

    SharedChanges(DataSource dataSource, Event<SharedChange> changes) {
        this.dataSource = dataSource;
        this.changes = changes;
    }

    /** Tells every instance, on commit, that {@code topic} changed. */
    public static void announce(Connection connection, SharedTopic topic) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, topic.payload());
            statement.execute();
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "shared-changes");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        listener.join(2 * WAIT_MS);
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // whatever changed before this LISTEN (at start, or while the database was away) was not announced here
                for (SharedTopic topic : SharedTopic.values()) {
                    fire(topic);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
                    for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                        SharedTopic.of(notification.getParameter()).ifPresent(this::fire);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("not listening for shared changes (retrying in %d ms): %s", RETRY_MS, e.getMessage());
                    pause();
                }
            }
        }
    }

    private void fire(SharedTopic topic) {
        try {
            changes.fire(new SharedChange(topic));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not reload the shared %s", topic.payload());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
