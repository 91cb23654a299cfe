package dev.livediffusion.database;

import dev.livediffusion.gallery.Frame;
import dev.livediffusion.gallery.Gallery;
import dev.livediffusion.gallery.GalleryStore;
import dev.livediffusion.gallery.Item;
import dev.livediffusion.gallery.ItemKind;
import dev.livediffusion.gallery.ItemStore;
import dev.livediffusion.gallery.TestImages;
import dev.livediffusion.gallery.NewItem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who can reach the embedded server: the app's role, with its password, over the socket only its owner can open. */
class EmbeddedPostgresAccessTest {

    private static final String SLUG = "keptKeptKeptKeptKept-042";

    @TempDir
    Path dataDirectory;

    @Test
    void theAppsRoleOwnsItsDatabaseButIsNoSuperuserAndRunsNoPrograms() throws Exception {
        EmbeddedPostgresServer server = Databases.start(dataDirectory);
        try (Connection app = Databases.dataSource(server).getConnection()) {
            ResultSet role = app.createStatement().executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb,"
                    + " pg_get_userbyid(datdba) FROM pg_roles, pg_database WHERE rolname = current_user AND datname = current_database()");
            assertTrue(role.next());
            assertEquals(List.of(false, false, false, "livediffusion"),
                    List.of(role.getBoolean(1), role.getBoolean(2), role.getBoolean(3), role.getString(4)));
            Path pwned = dataDirectory.resolve("pwned");
            SQLException refused = assertThrows(SQLException.class, () ->
                    app.createStatement().execute("COPY (SELECT 1) TO PROGRAM 'touch " + pwned + "'"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
            assertFalse(Files.exists(pwned));
            assertThrows(SQLException.class, () -> app.createStatement().execute("ALTER ROLE livediffusion SUPERUSER"));
        } finally {
            server.stop();
        }
    }

    @Test
    void loginsWithoutTheRightPasswordAreRefused() {
        EmbeddedPostgresServer server = Databases.start(dataDirectory);
        try {
            for (String user : List.of("livediffusion", "postgres")) {
                for (String database : List.of("livediffusion", "postgres", "template1")) {
                    assertThrows(SQLException.class, () -> connect(Databases.socketUrl(dataDirectory, database), user, null).close(),
                            user + " without a password");
                    SQLException wrong = assertThrows(SQLException.class,
                            () -> connect(Databases.socketUrl(dataDirectory, database), user, "guessed").close());
                    assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
                }
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void theSocketAndThePasswordsAreInsideTheOwnerOnlyDataDirectoryAndNoTcpPortIsOpen() throws Exception {
        EmbeddedPostgresServer server = Databases.start(dataDirectory);
        try (Connection superuser = Databases.superuser(dataDirectory)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory.resolve("passwords.properties"))));
            assertEquals("", setting(superuser, "listen_addresses"));
            assertEquals(dataDirectory.toRealPath(), Path.of(setting(superuser, "unix_socket_directories")).toRealPath());
            assertTrue(Files.exists(dataDirectory.resolve(".s.PGSQL.5432")));
            assertFalse(Files.readString(dataDirectory.resolve("pg_hba.conf")).contains("trust"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aConfiguredTcpPortListensOnLoopbackOnlyAndAlsoWantsThePassword() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgresServer server = Databases.start(dataDirectory, OptionalInt.of(port));
        String tcp = "jdbc:postgresql://127.0.0.1:" + port + "/livediffusion";
        try (Connection app = connect(tcp, server.username(), server.password())) {
            assertEquals("127.0.0.1", setting(app, "listen_addresses"));
            assertThrows(SQLException.class, () -> connect(tcp, "postgres", null).close());
            assertThrows(SQLException.class, () -> connect(tcp, server.username(), null).close());
        } finally {
            server.stop();
        }
    }

    @Test
    void anEarlierVersionsOpenDirectoryIsLockedDownWithItsGalleriesKept() throws Exception {
        byte[] png = TestImages.png(1, 1, 1);
        long itemId;
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).start()) {
            DataSource asBefore = earlier.getPostgresDatabase();
            Databases.migrate(asBefore, "3");
            // written as that version's schema had it: today's stores write columns of later migrations
            try (Connection c = asBefore.getConnection(); var sql = c.createStatement()) {
                sql.execute("INSERT INTO gallery (slug, name, visibility, edit_token_hash) VALUES ('" + SLUG
                        + "', 'from before', 'public', decode(repeat('00', 32), 'hex'))");
                try (ResultSet id = sql.executeQuery("INSERT INTO gallery_item (gallery_id, kind, prompt, seed, model,"
                        + " width, height, frame_count) SELECT id, 'frame', 'kept', 5, 'm', 1, 1, 1 FROM gallery"
                        + " RETURNING id")) {
                    id.next();
                    itemId = id.getLong(1);
                }
                try (var frame = c.prepareStatement("INSERT INTO gallery_frame (item_id, position, prompt, mime, sha256,"
                        + " bytes) VALUES (?, 0, 'kept', 'image/png', 'hash', ?)")) {
                    frame.setLong(1, itemId);
                    frame.setBytes(2, png);
                    frame.executeUpdate();
                }
            }
        }
        assertTrue(Files.readString(dataDirectory.resolve("pg_hba.conf")).contains("trust"), "the earlier layout trusts everyone");

        EmbeddedPostgresServer server = Databases.start(dataDirectory);
        try {
            DataSource app = Databases.dataSource(server);
            assertTrue(Databases.migrate(app) >= 1, "the app's role can migrate the schema it now owns");
            Jdbc jdbc = new Jdbc(app);
            Gallery kept = new GalleryStore(jdbc).findGallery(SLUG).orElseThrow();
            ItemStore items = new ItemStore(jdbc);
            Item item = items.findItem(kept.id(), itemId).orElseThrow();
            assertEquals("kept", item.prompt());
            assertEquals(5, item.seed());
            assertArrayEquals(png, items.frame(kept.id(), item.id(), 0).orElseThrow().bytes());
            items.addItem(kept.id(), new NewItem(ItemKind.FRAME, 6, "m", Map.of(), 1, 1, null,
                    List.of(new Frame("added", "image/png", png, "hash"))));
            assertTrue(items.deleteItem(kept.id(), item.id()));
            assertThrows(SQLException.class, () -> connect(Databases.socketUrl(dataDirectory, "postgres"), "postgres", null).close());
            assertFalse(Files.readString(dataDirectory.resolve("pg_hba.conf")).contains("trust"));
        } finally {
            server.stop();
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        if (password != null) {
            login.setProperty("password", password);
        }
        return DriverManager.getConnection(url, login);
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }
}
