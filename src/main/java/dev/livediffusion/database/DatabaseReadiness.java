package dev.livediffusion.database;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ready only while the database commits a write (/q/health/ready). The connection check Quarkus adds passes as
 * long as a connection opens, also when every save fails (read-only data directory, full disk, read-only mode).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);
    private static final String NAME = "database writes";
    private static final int TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;

    DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.executeUpdate("INSERT INTO readiness_probe (id, written_at) VALUES (1, now())"
                    + " ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at");
            return HealthCheckResponse.up(NAME);
        } catch (SQLException e) {
            LOG.warnf("the database does not take a write: %s", e.getMessage());
            return HealthCheckResponse.down(NAME);
        }
    }
}
