package dev.livediffusion.database;

import dev.livediffusion.gallery.Gallery;
import dev.livediffusion.gallery.GalleryStore;
import dev.livediffusion.gallery.Visibility;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTest}: starts the server, saves a gallery, reports it and
 * waits to be killed, which leaves PostgreSQL running with its postmaster.pid behind.
 */
public final class ServerThatDies {

    private ServerThatDies() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = Databases.start(Path.of(args[0]));
        DataSource dataSource = Databases.dataSource(server);
        Databases.migrate(dataSource);
        Gallery gallery = new GalleryStore(new Jdbc(dataSource)).createGallery(args[1], "survives a crash", Visibility.PUBLIC,
                new byte[32], null);
        System.out.println("saved " + gallery.slug());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
