package dev.livediffusion.database;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalInt;
import java.util.Properties;

/** Embedded servers on tests' own data directories, and the app's own migrations applied as Quarkus does at start. */
final class Databases {

    /** Shared by the tests' servers: unpacked once, not per test directory. */
    private static final Path BINARIES = Path.of("target/postgres-binaries");

    private Databases() {
    }

    static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, OptionalInt.empty());
    }

    static EmbeddedPostgresServer start(Path dataDirectory, OptionalInt tcpPort) {
        return EmbeddedPostgresServer.start(new EmbeddedPostgresSettings(dataDirectory, BINARIES, tcpPort));
    }

    /** The app's role on the app's database, as the app connects. */
    static DataSource dataSource(EmbeddedPostgresServer server) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server.jdbcUrl());
        dataSource.setUser(server.username());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    /** The superuser, with the password kept in the data directory, as an operator would connect. */
    static Connection superuser(Path dataDirectory) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        try {
            login.setProperty("password", Passwords.load(dataDirectory).superuser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DriverManager.getConnection(socketUrl(dataDirectory, "postgres"), login);
    }

    static String socketUrl(Path dataDirectory, String database) {
        return new EmbeddedPostgresSettings(dataDirectory, BINARIES, OptionalInt.empty()).jdbcUrl(database);
    }

    /** Returns how many migrations this run applied. */
    static int migrate(DataSource dataSource) {
        return migrate(dataSource, null);
    }

    /** Up to {@code version} (all when null), as an earlier version of the app would have. */
    static int migrate(DataSource dataSource, String version) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (version != null) {
            configuration.target(version);
        }
        return configuration.load().migrate().migrationsExecuted;
    }
}
