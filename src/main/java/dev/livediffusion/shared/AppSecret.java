package dev.livediffusion.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The secrets every instance on a database shares (table app_secret), each made once by whichever instance is first. */
public final class AppSecret {

    private AppSecret() {
    }

    public static Optional<String> read(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM app_secret WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    public static void insert(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO app_secret (name, value) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
        }
    }
}
