package dev.livediffusion.gallery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of a gallery's pages and images: absolute under the configured public URL, else site-relative. Never
 * built from the request's Host header, which the client chooses (a forged one would put its host in share links).
 */
public record Links(String origin) {

    public static Links of(GalleryConfig config) {
        String base = config.publicUrl().orElse("");
        return new Links(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    public static String share(String slug) {
        return "/g/" + slug;
    }

    public static String item(String slug, long itemId) {
        return share(slug) + "/i/" + itemId;
    }

    public static String frame(String slug, long itemId, int position) {
        return "/img/" + slug + "/" + itemId + "/" + position;
    }

    public static String download(String slug, long itemId) {
        return "/img/" + slug + "/" + itemId + "/download";
    }

    /** A flipbook as a file, {@code extension} "gif" or "mp4"; the URL keeps its published word, "clip". */
    public static String flipbookFile(String slug, long itemId, String extension) {
        return "/img/" + slug + "/" + itemId + "/clip." + extension;
    }

    /** The live page, opened with this prompt and seed. */
    public static String remix(String prompt, long seed) {
        return "/?prompt=" + URLEncoder.encode(prompt, StandardCharsets.UTF_8) + "&seed=" + seed;
    }

    public String absolute(String path) {
        return origin + path;
    }
}
