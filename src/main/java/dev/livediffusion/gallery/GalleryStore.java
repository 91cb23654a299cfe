package dev.livediffusion.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Galleries, items and frames in PostgreSQL; every value travels as a statement parameter. */
@ApplicationScoped
public class GalleryStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GALLERY_COLUMNS = "g.id, g.slug, g.name, g.visibility, g.created_at,"
            + " (SELECT count(*) FROM gallery_item i WHERE i.gallery_id = g.id)";
    private static final String ITEM_COLUMNS = "i.id, i.kind, i.prompt, i.seed, i.model, i.timings::text, i.width,"
            + " i.height, i.created_at, ARRAY(SELECT f.prompt FROM gallery_frame f WHERE f.item_id = i.id ORDER BY f.position)";

    private final DataSource dataSource;

    public GalleryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Gallery createGallery(String slug, String name, Visibility visibility, byte[] editTokenHash) {
        return inConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO gallery (slug, name, visibility, edit_token_hash) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, slug);
                insert.setString(2, name);
                insert.setString(3, visibility.value());
                insert.setBytes(4, editTokenHash);
                insert.executeUpdate();
            }
            return findGallery(c, slug).orElseThrow();
        });
    }

    public Optional<Gallery> findGallery(String slug) {
        return inConnection(c -> findGallery(c, slug));
    }

    private Optional<Gallery> findGallery(Connection c, String slug) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + GALLERY_COLUMNS + " FROM gallery g WHERE g.slug = ?")) {
            query.setString(1, slug);
            List<Gallery> found = galleries(query);
            return found.stream().findFirst();
        }
    }

    /** True when the gallery exists and the token's hash matches, compared in constant time. */
    public boolean tokenMatches(String slug, byte[] editTokenHash) {
        return inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT edit_token_hash FROM gallery WHERE slug = ?")) {
                query.setString(1, slug);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() && java.security.MessageDigest.isEqual(rows.getBytes(1), editTokenHash);
                }
            }
        });
    }

    public void updateGallery(long galleryId, String name, Visibility visibility) {
        update("UPDATE gallery SET name = ?, visibility = ? WHERE id = ?", name, visibility.value(), galleryId);
    }

    public void deleteGallery(long galleryId) {
        update("DELETE FROM gallery WHERE id = ?", galleryId);
    }

    /** Public galleries, newest first, with ids below {@code before}. */
    public List<Gallery> publicGalleries(long before, int limit) {
        return inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + GALLERY_COLUMNS + " FROM gallery g"
                    + " WHERE g.visibility = 'public' AND g.id < ? ORDER BY g.id DESC LIMIT ?")) {
                query.setLong(1, before);
                query.setInt(2, limit);
                return galleries(query);
            }
        });
    }

    public List<Gallery> galleriesBySlug(List<String> slugs) {
        return inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + GALLERY_COLUMNS + " FROM gallery g"
                    + " WHERE g.slug = ANY (?) ORDER BY g.id DESC")) {
                query.setArray(1, c.createArrayOf("text", slugs.toArray()));
                return galleries(query);
            }
        });
    }

    /** Saves the item and all its frames in one transaction: all or nothing. */
    public Item addItem(long galleryId, NewItem item) {
        return inConnection(c -> {
            c.setAutoCommit(false);
            try {
                long itemId;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO gallery_item (gallery_id, kind, prompt,"
                        + " seed, model, timings, width, height, frame_count) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setLong(1, galleryId);
                    insert.setString(2, item.kind().value());
                    insert.setString(3, item.prompt());
                    insert.setLong(4, item.seed());
                    insert.setString(5, item.model());
                    insert.setString(6, json(item.timingsMs()));
                    insert.setInt(7, item.width());
                    insert.setInt(8, item.height());
                    insert.setInt(9, item.frames().size());
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        itemId = keys.getLong(1);
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO gallery_frame"
                        + " (item_id, position, prompt, mime, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (int position = 0; position < item.frames().size(); position++) {
                        Frame frame = item.frames().get(position);
                        insert.setLong(1, itemId);
                        insert.setInt(2, position);
                        insert.setString(3, frame.prompt());
                        insert.setString(4, frame.mime());
                        insert.setString(5, frame.sha256());
                        insert.setBytes(6, frame.bytes());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
                return findItem(c, galleryId, itemId).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    /** A gallery's items, newest first, with ids below {@code before}. */
    public List<Item> items(long galleryId, long before, int limit) {
        return inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM gallery_item i"
                    + " WHERE i.gallery_id = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?")) {
                query.setLong(1, galleryId);
                query.setLong(2, before);
                query.setInt(3, limit);
                return items(query);
            }
        });
    }

    public Optional<Item> findItem(long galleryId, long itemId) {
        return inConnection(c -> findItem(c, galleryId, itemId));
    }

    private Optional<Item> findItem(Connection c, long galleryId, long itemId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM gallery_item i"
                + " WHERE i.gallery_id = ? AND i.id = ?")) {
            query.setLong(1, galleryId);
            query.setLong(2, itemId);
            return items(query).stream().findFirst();
        }
    }

    public Optional<Frame> frame(long galleryId, long itemId, int position) {
        return inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT f.prompt, f.mime, f.bytes, f.sha256"
                    + " FROM gallery_frame f JOIN gallery_item i ON i.id = f.item_id"
                    + " WHERE i.gallery_id = ? AND f.item_id = ? AND f.position = ?")) {
                query.setLong(1, galleryId);
                query.setLong(2, itemId);
                query.setInt(3, position);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Frame(rows.getString(1), rows.getString(2), rows.getBytes(3), rows.getString(4)))
                            : Optional.empty();
                }
            }
        });
    }

    /** Returns whether an item was deleted. */
    public boolean deleteItem(long galleryId, long itemId) {
        return update("DELETE FROM gallery_item WHERE gallery_id = ? AND id = ?", galleryId, itemId) > 0;
    }

    private static List<Gallery> galleries(PreparedStatement query) throws SQLException {
        List<Gallery> galleries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                galleries.add(new Gallery(rows.getLong(1), rows.getString(2), rows.getString(3),
                        Visibility.parse(rows.getString(4)).orElseThrow(), rows.getTimestamp(5).toInstant(), rows.getInt(6)));
            }
        }
        return galleries;
    }

    private static List<Item> items(PreparedStatement query) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Array prompts = rows.getArray(10);
                items.add(new Item(rows.getLong(1), ItemKind.parse(rows.getString(2)).orElseThrow(), rows.getString(3),
                        rows.getLong(4), rows.getString(5), timings(rows.getString(6)), rows.getInt(7), rows.getInt(8),
                        Arrays.asList((String[]) prompts.getArray()), rows.getTimestamp(9).toInstant()));
            }
        }
        return items;
    }

    private int update(String sql, Object... parameters) {
        return inConnection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private static String json(Map<String, Double> timings) {
        try {
            return JSON.writeValueAsString(timings);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Double> timings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored timings are not JSON", e);
        }
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inConnection(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
