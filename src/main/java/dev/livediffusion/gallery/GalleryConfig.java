package dev.livediffusion.gallery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Bounds on what a gallery accepts, and how its links are written. */
@ConfigMapping(prefix = "app.gallery")
public interface GalleryConfig {

    /** Largest encoded frame accepted, in bytes. */
    @WithDefault("4194304")
    int maxFrameBytes();

    @WithDefault("200")
    int maxFlipbookFrames();

    /** Largest flipbook, all frames together, in bytes. */
    @WithDefault("50331648")
    long maxFlipbookBytes();

    /** Largest width or height of a saved image, in pixels. */
    @WithDefault("4096")
    int maxImageSide();

    /** Flipbook downloads (GIF, MP4) encoded at once; each keeps a core busy for seconds. */
    @WithDefault("2")
    int maxConcurrentExports();

    /** Items per page of a gallery's grid (more load as you scroll). */
    @WithDefault("24")
    int pageSize();

    /** Scheme and host that share links start with, e.g. https://pics.example.org; unset: links are site-relative. */
    Optional<String> publicUrl();

    /** How long a gallery made for OpenAI {@code url} answers lasts (OpenAI's own links last an hour). */
    @WithDefault("1h")
    Duration urlGalleryLifetime();

    /** What one client address, one gallery and all galleries together may store (StorageQuota). */
    Quota quota();

    interface Quota {

        @WithDefault("20")
        int galleriesPerMinute();

        /** Bytes of frames one address may save in a minute (120 MiB: two full flipbooks and more). */
        @WithDefault("125829120")
        long bytesPerMinute();

        @WithDefault("1000")
        int itemsPerGallery();

        @WithDefault("1073741824")
        long bytesPerGallery();

        /** Frames' bytes over all galleries; past it nothing more is saved until something is deleted. */
        @WithDefault("21474836480")
        long totalBytes();
    }
}
