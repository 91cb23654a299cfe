package dev.livediffusion.database;

import java.sql.SQLException;

/** The database failed; the request changes nothing (transactions roll back). */
public class StorageException extends RuntimeException {

    public StorageException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }
}
