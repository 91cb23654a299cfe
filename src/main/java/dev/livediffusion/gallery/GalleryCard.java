package dev.livediffusion.gallery;

/** A gallery as Explore and My galleries list it: its cover is the newest visible item's picture, null when empty. */
public record GalleryCard(Gallery gallery, String coverUrl) {
}
