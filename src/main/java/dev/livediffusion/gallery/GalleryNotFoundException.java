package dev.livediffusion.gallery;

/** Unknown or malformed slug, or an item not in that gallery: all answered with the same bare 404. */
public class GalleryNotFoundException extends RuntimeException {

    public GalleryNotFoundException() {
        super("not found", null, false, false);
    }
}
