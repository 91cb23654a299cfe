package dev.livediffusion.gallery;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What may be stored, checked before each new gallery and each save: per client address a rate (galleries and bytes
 * a minute), per gallery a size (items and bytes), and a cap over all galleries. The address budgets are this
 * instance's; the gallery and total sizes are the database's, so they hold across instances. Two saves racing past
 * the same limit may both pass: the limits bound growth, they are not exact.
 */
@ApplicationScoped
public class StorageQuota {

    /** The total is a sum over all items: read it at most this often. */
    private static final long TOTAL_READ_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GalleryConfig.Quota limits;
    private final GalleryStore store;
    private final AddressBudgets galleries;
    private final AddressBudgets bytes;
    private volatile long totalBytes;
    private volatile long totalReadAt;

    StorageQuota(GalleryConfig config, GalleryStore store) {
        this.limits = config.quota();
        this.store = store;
        this.galleries = new AddressBudgets(limits.galleriesPerMinute());
        this.bytes = new AddressBudgets(limits.bytesPerMinute());
        this.totalReadAt = System.nanoTime() - TOTAL_READ_NANOS - 1;   // read at the first save
    }

    void newGallery(String client) {
        galleries.spend(client, 1, System.nanoTime()).ifPresent(wait -> {
            throw rate("galleries are made at most " + limits.galleriesPerMinute() + " a minute from one address", wait);
        });
    }

    void newItem(String client, Gallery gallery, NewItem item) {
        long size = item.byteSize();
        GalleryStore.Usage usage = store.usage(gallery.id());
        if (usage.items() >= limits.itemsPerGallery() || usage.bytes() + size > limits.bytesPerGallery()) {
            throw new QuotaExceededException(409, "gallery_full", "a gallery holds at most " + limits.itemsPerGallery()
                    + " items and " + limits.bytesPerGallery() + " bytes; make another", OptionalLong.empty());
        }
        if (total() + size > limits.totalBytes()) {
            throw new QuotaExceededException(507, "storage_full", "this server's galleries are full; nothing more is"
                    + " saved until some are deleted", OptionalLong.empty());
        }
        bytes.spend(client, size, System.nanoTime()).ifPresent(wait -> {
            throw rate("one address saves at most " + limits.bytesPerMinute() + " bytes a minute", wait);
        });
        totalBytes += size;   // this instance's saves count at once; other instances' at the next read
    }

    private long total() {
        long now = System.nanoTime();
        if (now - totalReadAt > TOTAL_READ_NANOS) {
            totalBytes = store.storedBytes();
            totalReadAt = now;
        }
        return totalBytes;
    }

    private static QuotaExceededException rate(String message, long waitNanos) {
        return new QuotaExceededException(429, "quota_exceeded", message,
                OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1)));
    }
}
