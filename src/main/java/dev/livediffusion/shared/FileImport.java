package dev.livediffusion.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * State that lived in a file under data/ before it moved to the database is imported once per database: the first
 * instance to claim the import (in the transaction that imports) does it, and the database is the truth from then on.
 */
public final class FileImport {

    private FileImport() {
    }

    /** True for the one transaction that may import {@code name}; a concurrent claim waits for it, then gets false. */
    public static boolean claim(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO file_import (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
            statement.setString(1, name);
            return statement.executeUpdate() == 1;
        }
    }
}
