package dev.livediffusion.gallery;

import dev.livediffusion.database.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A gallery's items and their frames in PostgreSQL; every lookup is scoped to the gallery. */
@ApplicationScoped
public class ItemStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "i.id, i.kind, i.prompt, i.seed, i.model, i.timings::text, i.width,"
            + " i.height, i.frame_rate, i.created_at, ARRAY(SELECT f.prompt FROM gallery_frame f WHERE f.item_id = i.id ORDER BY f.position)";

    private final Jdbc jdbc;

    public ItemStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Saves the item and all its frames in one transaction. */
    public Item addItem(long galleryId, NewItem item) {
        return jdbc.inTransaction(c -> {
            long itemId;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO gallery_item (gallery_id, kind, prompt,"
                    + " seed, model, timings, width, height, frame_count, frame_rate, byte_size)"
                    + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)",
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
                insert.setObject(10, item.frameRate(), Types.DOUBLE);
                insert.setLong(11, item.byteSize());
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
            return findItem(c, galleryId, itemId).orElseThrow();
        });
    }

    /** A gallery's items, newest first, with ids below {@code before}. */
    public List<Item> items(long galleryId, long before, int limit) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM gallery_item i"
                    + " WHERE i.gallery_id = ? AND NOT i.hidden AND i.id < ? ORDER BY i.id DESC LIMIT ?")) {
                query.setLong(1, galleryId);
                query.setLong(2, before);
                query.setInt(3, limit);
                return items(query);
            }
        });
    }

    public Optional<Item> findItem(long galleryId, long itemId) {
        return jdbc.inConnection(c -> findItem(c, galleryId, itemId));
    }

    private static Optional<Item> findItem(Connection c, long galleryId, long itemId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM gallery_item i"
                + " WHERE i.gallery_id = ? AND i.id = ? AND NOT i.hidden")) {
            query.setLong(1, galleryId);
            query.setLong(2, itemId);
            return items(query).stream().findFirst();
        }
    }

    public Optional<Frame> frame(long galleryId, long itemId, int position) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT f.prompt, f.mime, f.bytes, f.sha256"
                    + " FROM gallery_frame f JOIN gallery_item i ON i.id = f.item_id"
                    + " WHERE i.gallery_id = ? AND f.item_id = ? AND f.position = ? AND NOT i.hidden")) {
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

    /** Every frame of an item in play order (bounded by the flipbook limits), for flipbook downloads. */
    public List<Frame> frames(long galleryId, long itemId) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT f.prompt, f.mime, f.bytes, f.sha256"
                    + " FROM gallery_frame f JOIN gallery_item i ON i.id = f.item_id"
                    + " WHERE i.gallery_id = ? AND f.item_id = ? AND NOT i.hidden ORDER BY f.position")) {
                query.setLong(1, galleryId);
                query.setLong(2, itemId);
                List<Frame> frames = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        frames.add(new Frame(rows.getString(1), rows.getString(2), rows.getBytes(3), rows.getString(4)));
                    }
                }
                return frames;
            }
        });
    }

    /** Returns whether an item was deleted. */
    public boolean deleteItem(long galleryId, long itemId) {
        return jdbc.update("DELETE FROM gallery_item WHERE gallery_id = ? AND id = ?", galleryId, itemId) > 0;
    }

    private static List<Item> items(PreparedStatement query) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String[] prompts = (String[]) rows.getArray(11).getArray();
                items.add(new Item(rows.getLong(1), ItemKind.parse(rows.getString(2)).orElseThrow(), rows.getString(3),
                        rows.getLong(4), rows.getString(5), timings(rows.getString(6)), rows.getInt(7), rows.getInt(8),
                        rows.getObject(9, Double.class), Arrays.asList(prompts), rows.getTimestamp(10).toInstant()));
            }
        }
        return items;
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
}
