package dev.livediffusion.database;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** The app's own migrations applied to an embedded server, as Quarkus does at start. */
final class Databases {

    private Databases() {
    }

    static DataSource dataSource(EmbeddedPostgresServer server) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server.jdbcUrl());
        return dataSource;
    }

    /** Returns how many migrations this run applied. */
    static int migrate(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load()
                .migrate().migrationsExecuted;
    }
}
