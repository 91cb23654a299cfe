package dev.livediffusion.gallery;

import dev.livediffusion.crypto.Sha256;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Encodes a flipbook as a GIF or MP4 file on request. Encoding takes seconds of CPU, so only
 * {@code app.gallery.max-concurrent-exports} run at once; a request waits a little for its turn, then is refused.
 */
@ApplicationScoped
public class FlipbookDownloads {

    /** Bumped when the encoders change, so that cached downloads are fetched anew. */
    private static final String ENCODER_VERSION = "1";
    private static final long WAIT_SECONDS = 20;

    public enum Format {
        GIF("image/gif", "gif"),
        MP4("video/mp4", "mp4");

        final String mime;
        final String extension;

        Format(String mime, String extension) {
            this.mime = mime;
            this.extension = extension;
        }
    }

    private final ItemStore items;
    private final Semaphore encoders;

    public FlipbookDownloads(ItemStore items, GalleryConfig config) {
        this.items = items;
        this.encoders = new Semaphore(config.maxConcurrentExports(), true);
    }

    /** Saved items never change, so the item, the format and the encoders name the file exactly. */
    String etag(Gallery gallery, Item item, Format format) {
        String identity = String.join("\n", ENCODER_VERSION, format.name(), gallery.slug(), Long.toString(item.id()),
                item.createdAt().toString());
        return Sha256.hex(identity.getBytes(StandardCharsets.UTF_8));
    }

    byte[] encode(Gallery gallery, Item item, Format format) {
        try {
            if (!encoders.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ExportBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportBusyException();
        }
        try {
            Flipbook flipbook = Flipbook.of(item, items.frames(gallery.id(), item.id()));
            return format == Format.GIF ? AnimatedGif.write(flipbook) : Mp4Flipbook.write(flipbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            encoders.release();
        }
    }
}
