package dev.livediffusion.admin.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Whether the database answers, for the dashboard. */
@ApplicationScoped
public class DatabaseStatus {

    private final Instance<DataSource> dataSource;

    DatabaseStatus(Instance<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public record State(boolean configured, boolean reachable, String detail) {
    }

    public State check() {
        if (!dataSource.isResolvable()) {
            return new State(false, false, "no database configured");
        }
        long start = System.nanoTime();
        try (Connection connection = dataSource.get().getConnection()) {
            boolean valid = connection.isValid(2);
            String product = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
            return new State(true, valid, String.format("%s, answered in %.1f ms", product, (System.nanoTime() - start) / 1e6));
        } catch (SQLException e) {
            return new State(true, false, e.getMessage());
        }
    }
}
