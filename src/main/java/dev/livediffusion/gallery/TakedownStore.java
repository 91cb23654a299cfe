package dev.livediffusion.gallery;

import dev.livediffusion.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takedowns, for the admin area: every gallery and item, hidden or not, newest first, searchable by prompt; and
 * hiding or deleting items and galleries. Hidden rows stay in the database but no public page or API shows them.
 */
@ApplicationScoped
public class TakedownStore {

    private final Jdbc jdbc;

    public TakedownStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record ItemRow(long id, String kind, String prompt, long seed, boolean hidden, Instant createdAt,
                          long galleryId, String gallerySlug, String galleryName, boolean galleryHidden) {

        public String shareLink() {
            return Links.item(gallerySlug, id);
        }
    }

    public record GalleryRow(long id, String slug, String name, String visibility, boolean hidden, Instant createdAt,
                             long items) {

        public String shareLink() {
            return Links.share(slug);
        }
    }

    /** Items newest first; {@code search} (may be empty) is found anywhere in a prompt of the item, any case. */
    public List<ItemRow> items(String search, int limit) {
        return search("SELECT i.id, i.kind, i.prompt, i.seed, i.hidden, i.created_at,"
                + " g.id, g.slug, g.name, g.hidden FROM gallery_item i JOIN gallery g ON g.id = i.gallery_id"
                + " WHERE ? = '' OR i.prompt ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM gallery_frame f"
                + " WHERE f.item_id = i.id AND f.prompt ILIKE ? ESCAPE '\\') ORDER BY i.id DESC LIMIT ?", search, limit,
                r -> new ItemRow(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getBoolean(5),
                        r.getTimestamp(6).toInstant(), r.getLong(7), r.getString(8), r.getString(9), r.getBoolean(10)));
    }

    /** Galleries newest first; {@code search} (may be empty) matches the name or any item's prompt. */
    public List<GalleryRow> galleries(String search, int limit) {
        return search("SELECT g.id, g.slug, g.name, g.visibility, g.hidden,"
                + " g.created_at, (SELECT count(*) FROM gallery_item i WHERE i.gallery_id = g.id) FROM gallery g"
                + " WHERE ? = '' OR g.name ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM gallery_item i"
                + " WHERE i.gallery_id = g.id AND i.prompt ILIKE ? ESCAPE '\\') ORDER BY g.id DESC LIMIT ?", search, limit,
                r -> new GalleryRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5),
                        r.getTimestamp(6).toInstant(), r.getLong(7)));
    }

    /** Runs a search query whose three placeholders are the search text, its LIKE pattern twice, then the limit. */
    private <T> List<T> search(String sql, String search, int limit, RowMapper<T> mapper) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                String pattern = "%" + likeEscaped(search) + "%";
                query.setString(1, search);
                query.setString(2, pattern);
                query.setString(3, pattern);
                query.setInt(4, limit);
                List<T> rows = new ArrayList<>();
                try (ResultSet r = query.executeQuery()) {
                    while (r.next()) {
                        rows.add(mapper.map(r));
                    }
                }
                return rows;
            }
        });
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws java.sql.SQLException;
    }

    /** The item's cover (its last frame), hidden or not, for the admin list. */
    public Optional<Frame> cover(long itemId) {
        return jdbc.inConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT f.prompt, f.mime, f.bytes, f.sha256 FROM gallery_frame f"
                    + " WHERE f.item_id = ? ORDER BY f.position DESC LIMIT 1")) {
                query.setLong(1, itemId);
                try (ResultSet r = query.executeQuery()) {
                    return r.next() ? Optional.of(new Frame(r.getString(1), r.getString(2), r.getBytes(3), r.getString(4)))
                            : Optional.empty();
                }
            }
        });
    }

    /** @return false when there is no such item */
    public boolean setItemHidden(long itemId, boolean hidden) {
        return jdbc.update("UPDATE gallery_item SET hidden = ? WHERE id = ?", hidden, itemId) > 0;
    }

    public boolean deleteItem(long itemId) {
        return jdbc.update("DELETE FROM gallery_item WHERE id = ?", itemId) > 0;
    }

    public boolean setGalleryHidden(long galleryId, boolean hidden) {
        return jdbc.update("UPDATE gallery SET hidden = ? WHERE id = ?", hidden, galleryId) > 0;
    }

    public boolean deleteGallery(long galleryId) {
        return jdbc.update("DELETE FROM gallery WHERE id = ?", galleryId) > 0;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
