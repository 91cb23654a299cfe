package dev.livediffusion.gallery;

import dev.livediffusion.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Galleries in PostgreSQL; every value travels as a statement parameter. */
@ApplicationScoped
public class GalleryStore {

    private static final String COLUMNS = "g.id, g.slug, g.name, g.visibility, g.created_at,"
            + " (SELECT count(*) FROM gallery_item i WHERE i.gallery_id = g.id AND NOT i.hidden)";
    /** A gallery's newest visible item (its cover on Explore and My galleries): its id and frame count. */
    private static final String NEWEST_ITEM = "(SELECT i.id, i.frame_count FROM gallery_item i"
            + " WHERE i.gallery_id = g.id AND NOT i.hidden ORDER BY i.id DESC LIMIT 1)";

    private final Jdbc jdbc;

    public GalleryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** What a gallery holds, as the storage quota counts it. */
    public record Usage(long items, long bytes) {
    }

    /** @param expiresAt when the gallery ends (OpenAI url answers), or null: never */
    public Gallery createGallery(String slug, String name, Visibility visibility, byte[] editTokenHash,
                                 Instant expiresAt) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO gallery (slug, name, visibility,"
                    + " edit_token_hash, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, slug);
                insert.setString(2, name);
                insert.setString(3, visibility.value());
                insert.setBytes(4, editTokenHash);
                insert.setObject(5, expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
                insert.executeUpdate();
            }
            return findGallery(c, slug).orElseThrow();
        });
    }

    /** Deletes the galleries whose end has passed, with everything in them. */
    public void deleteExpired() {
        jdbc.inConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM gallery WHERE expires_at < now()")) {
                return delete.executeUpdate();
            }
        });
    }

    public Usage usage(long galleryId) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT count(*), coalesce(sum(byte_size), 0) FROM gallery_item WHERE gallery_id = ?")) {
                query.setLong(1, galleryId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new Usage(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }

    /** The frames' bytes over all galleries. */
    public long storedBytes() {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT coalesce(sum(byte_size), 0) FROM gallery_item");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    public Optional<Gallery> findGallery(String slug) {
        return jdbc.inConnection(c -> findGallery(c, slug));
    }

    private static Optional<Gallery> findGallery(Connection c, String slug) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM gallery g WHERE g.slug = ? AND NOT g.hidden"
                + " AND (g.expires_at IS NULL OR g.expires_at > now())")) {
            query.setString(1, slug);
            return galleries(query).stream().findFirst();
        }
    }

    /** True when the gallery exists and the token's hash matches, compared in constant time. */
    public boolean tokenMatches(String slug, byte[] editTokenHash) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT edit_token_hash FROM gallery WHERE slug = ?")) {
                query.setString(1, slug);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() && MessageDigest.isEqual(rows.getBytes(1), editTokenHash);
                }
            }
        });
    }

    public void updateGallery(long galleryId, String name, Visibility visibility) {
        jdbc.update("UPDATE gallery SET name = ?, visibility = ? WHERE id = ?", name, visibility.value(), galleryId);
    }

    /** Deletes the gallery with its items and frames (foreign keys cascade). */
    public void deleteGallery(long galleryId) {
        jdbc.update("DELETE FROM gallery WHERE id = ?", galleryId);
    }

    /** Public galleries that have something to show, each with its newest visible item as the cover. */
    public List<GalleryCard> publicCards(long before, int limit) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + ", cover.id, cover.frame_count"
                    + " FROM gallery g JOIN LATERAL " + NEWEST_ITEM + " cover ON true"
                    + " WHERE g.visibility = 'public' AND NOT g.hidden AND g.id < ? ORDER BY g.id DESC LIMIT ?")) {
                query.setLong(1, before);
                query.setInt(2, limit);
                return cards(query);
            }
        });
    }

    /** The named galleries, newest first, empty ones included (without a cover). */
    public List<GalleryCard> cardsBySlug(List<String> slugs) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + ", cover.id, cover.frame_count"
                    + " FROM gallery g LEFT JOIN LATERAL " + NEWEST_ITEM + " cover ON true"
                    + " WHERE g.slug = ANY (?) AND NOT g.hidden ORDER BY g.id DESC")) {
                query.setArray(1, c.createArrayOf("text", slugs.toArray()));
                return cards(query);
            }
        });
    }

    public List<Gallery> galleriesBySlug(List<String> slugs) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM gallery g"
                    + " WHERE g.slug = ANY (?) AND NOT g.hidden ORDER BY g.id DESC")) {
                query.setArray(1, c.createArrayOf("text", slugs.toArray()));
                return galleries(query);
            }
        });
    }

    private static List<Gallery> galleries(PreparedStatement query) throws SQLException {
        List<Gallery> galleries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                galleries.add(gallery(rows));
            }
        }
        return galleries;
    }

    private static List<GalleryCard> cards(PreparedStatement query) throws SQLException {
        List<GalleryCard> cards = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Gallery gallery = gallery(rows);
                long coverItem = rows.getLong(7);
                String cover = rows.wasNull() ? null : Links.frame(gallery.slug(), coverItem, rows.getInt(8) - 1);
                cards.add(new GalleryCard(gallery, cover));
            }
        }
        return cards;
    }

    private static Gallery gallery(ResultSet rows) throws SQLException {
        return new Gallery(rows.getLong(1), rows.getString(2), rows.getString(3),
                Visibility.parse(rows.getString(4)).orElseThrow(), rows.getTimestamp(5).toInstant(), rows.getInt(6));
    }
}
