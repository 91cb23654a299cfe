package dev.livediffusion.database;

import dev.livediffusion.gallery.Frame;
import dev.livediffusion.gallery.Gallery;
import dev.livediffusion.gallery.GalleryStore;
import dev.livediffusion.gallery.Item;
import dev.livediffusion.gallery.ItemKind;
import dev.livediffusion.gallery.ItemStore;
import dev.livediffusion.gallery.TestImages;
import dev.livediffusion.gallery.NewItem;
import dev.livediffusion.gallery.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded PostgreSQL the app runs when no datasource URL is configured, started and stopped for real. */
class EmbeddedPostgresServerTest {

    private static final String SLUG = "restartRestartRestart-01";

    @TempDir
    Path dataDirectory;

    @Test
    void migrationsRunOnAnEmptyDatabase() throws Exception {
        EmbeddedPostgresServer server = Databases.start(dataDirectory);
        try {
            DataSource dataSource = Databases.dataSource(server);
            assertTrue(Databases.migrate(dataSource) >= 1);
            List<String> tables = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                 ResultSet rows = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                         + " WHERE table_schema = 'public' AND table_name LIKE 'gallery%' ORDER BY table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertEquals(List.of("gallery", "gallery_frame", "gallery_item"), tables);
            assertEquals(0, Databases.migrate(dataSource), "a second run finds nothing to do");
        } finally {
            server.stop();
        }
    }

    @Test
    void aRestartKeepsEverything() {
        byte[] png = TestImages.png(1, 1, 1);
        EmbeddedPostgresServer first = Databases.start(dataDirectory);
        Jdbc jdbc = new Jdbc(Databases.dataSource(first));
        Databases.migrate(Databases.dataSource(first));
        Gallery gallery = new GalleryStore(jdbc).createGallery(SLUG, "kept", Visibility.UNLISTED, new byte[32], null);
        Item item = new ItemStore(jdbc).addItem(gallery.id(), new NewItem(ItemKind.FRAME, 99, "m", Map.of("unet", 1.5), 1, 1, null,
                List.of(new Frame("a prompt with ünïcode ✓", "image/png", png, "hash"))));
        first.stop();

        EmbeddedPostgresServer second = Databases.start(dataDirectory);
        try {
            Jdbc reopened = new Jdbc(Databases.dataSource(second));
            assertEquals(0, Databases.migrate(Databases.dataSource(second)));
            Gallery found = new GalleryStore(reopened).findGallery(SLUG).orElseThrow();
            assertEquals("kept", found.name());
            assertEquals(1, found.itemCount());
            ItemStore items = new ItemStore(reopened);
            assertEquals(item, items.findItem(found.id(), item.id()).orElseThrow());
            Frame frame = items.frame(found.id(), item.id(), 0).orElseThrow();
            assertArrayEquals(png, frame.bytes());
            assertEquals("a prompt with ünïcode ✓", frame.prompt());
        } finally {
            second.stop();
        }
    }

    @Test
    void aKilledAppsLeftoverServerIsStoppedAndItsDataKept() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerThatDies.class.getName(),
                dataDirectory.toString(), SLUG).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("saved " + SLUG)) {
                // startup logging
            }
            assertEquals("saved " + SLUG, line, "the child saved its gallery");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        assertTrue(Files.exists(pidFile), "the killed app left its postmaster.pid");
        long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid);
        assertTrue(orphan.isPresent() && orphan.get().isAlive(), "PostgreSQL outlived the killed app");

        EmbeddedPostgresServer server = Databases.start(dataDirectory);
        try {
            assertFalse(orphan.get().isAlive(), "the leftover server was stopped");
            Gallery found = new GalleryStore(new Jdbc(Databases.dataSource(server))).findGallery(SLUG).orElseThrow();
            assertEquals("survives a crash", found.name());
        } finally {
            server.stop();
        }
    }

    @Test
    void aDataDirectoryTheServerCannotWriteFailsTheStartAtOnceNamingIt() throws Exception {
        Databases.start(dataDirectory).stop();
        Set<PosixFilePermission> writable = Files.getPosixFilePermissions(dataDirectory);
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("r-x------"));
        try {
            long start = System.nanoTime();
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Databases.start(dataDirectory));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 10, "failed after " + seconds + " s");
            assertTrue(refused.getMessage().contains(dataDirectory.toString()) && refused.getMessage().contains("not writable")
                    && refused.getMessage().contains("r-x------"), refused.getMessage());
        } finally {
            Files.setPosixFilePermissions(dataDirectory, writable);
        }
    }
}
