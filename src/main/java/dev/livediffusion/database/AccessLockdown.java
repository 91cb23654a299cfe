package dev.livediffusion.database;

import dev.livediffusion.files.PrivateFiles;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Makes the cluster private, a new one as well as one an earlier version made (trust logins for anyone local, the
 * galleries in the superuser's database "postgres"): every login needs its SCRAM password, and the app logs in as
 * its own role, neither superuser nor able to make roles or databases, that owns the database "livediffusion" and
 * everything in its schema public. Runs again at the next start when it was interrupted, or when pg_hba.conf or the
 * passwords file changed.
 */
final class AccessLockdown {

    /** The app's role and database. */
    static final String APP_ROLE = "livediffusion";
    static final String SUPERUSER = "postgres";
    private static final String HBA = "pg_hba.conf";
    private static final String LOCKED = """
            # Written by live-diffusion (AccessLockdown); a start that finds it changed writes it again.
            # Password (SCRAM) logins only: over the socket in this directory, and over TCP on 127.0.0.1 when
            # app.database.tcp-port is set.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            """;
    /** While roles and passwords are set: the superuser alone, over the socket only this directory's owner can reach. */
    private static final String LOCKING = """
            # Written by live-diffusion (AccessLockdown) while it sets roles and passwords.
            local all postgres trust
            """;

    private AccessLockdown() {
    }

    static boolean isApplied(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.resolve(HBA);
        return Files.exists(dataDirectory.resolve(Passwords.FILE)) && Files.exists(hba) && Files.readString(hba).equals(LOCKED);
    }

    /** Before the server starts. */
    static void prepare(Path dataDirectory) throws IOException {
        PrivateFiles.write(dataDirectory.resolve(HBA), LOCKING);
    }

    /** With the server running since {@link #prepare}; returns the passwords the roles now have. */
    static Passwords apply(EmbeddedPostgresSettings settings) throws IOException, SQLException {
        Passwords passwords = Passwords.loadOrCreate(settings.dataDirectory());
        try (Connection template = connect(settings, "template1")) {
            PGConnection server = template.unwrap(PGConnection.class);
            server.alterUserPassword(SUPERUSER, passwords.superuser().toCharArray(), "scram-sha-256");
            if (!exists(template, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE)) {
                execute(template, "CREATE ROLE " + APP_ROLE + " LOGIN");
            }
            execute(template, "ALTER ROLE " + APP_ROLE + " NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            server.alterUserPassword(APP_ROLE, passwords.app().toCharArray(), "scram-sha-256");
            if (!exists(template, "SELECT 1 FROM pg_database WHERE datname = ?", APP_ROLE)) {
                // where earlier versions kept the galleries; in a new cluster it is empty
                execute(template, "ALTER DATABASE postgres RENAME TO " + APP_ROLE);
            }
            if (!exists(template, "SELECT 1 FROM pg_database WHERE datname = ?", SUPERUSER)) {
                execute(template, "CREATE DATABASE postgres");
            }
            execute(template, "ALTER DATABASE " + APP_ROLE + " OWNER TO " + APP_ROLE);
        }
        try (Connection appDatabase = connect(settings, APP_ROLE)) {
            handOverSchema(appDatabase);
            PrivateFiles.write(settings.dataDirectory().resolve(HBA), LOCKED);
            execute(appDatabase, "SELECT pg_reload_conf()");
        }
        return passwords;
    }

    /**
     * Tables, views and free-standing sequences of schema public change owner (what the migrations create; indexes
     * and the sequences of identity columns follow their tables). The schema itself belongs to the database's owner.
     */
    private static void handOverSchema(Connection connection) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT format('ALTER %s public.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                  WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.relname, r.rolname)
                FROM pg_class c, pg_roles r
                WHERE r.rolname = ? AND c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                  AND c.relowner <> r.oid
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.deptype IN ('a', 'i'))
                """)) {
            query.setString(1, APP_ROLE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        for (String statement : statements) {
            execute(connection, statement);
        }
    }

    private static Connection connect(EmbeddedPostgresSettings settings, String database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", SUPERUSER);
        return DriverManager.getConnection(settings.jdbcUrl(database), login);
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
