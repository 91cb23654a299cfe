package dev.livediffusion.blocklist;

import dev.livediffusion.database.Jdbc;
import dev.livediffusion.shared.FileImport;
import dev.livediffusion.shared.SharedChanges;
import dev.livediffusion.shared.SharedTopic;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The blocklist in the database, shared by every instance; each change is announced to them all. */
@ApplicationScoped
public class BlocklistStore {

    private static final Logger LOG = Logger.getLogger(BlocklistStore.class);

    private final Jdbc jdbc;
    private final Path file;

    BlocklistStore(Jdbc jdbc, BlocklistConfig config) {
        this.jdbc = jdbc;
        this.file = Path.of(config.blocklistFile());
    }

    List<BlockRule> load() {
        return jdbc.inConnection(c -> {
            List<BlockRule> rules = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT kind, value FROM blocklist_rule ORDER BY id");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rules.add(BlockRule.of(BlockRule.Kind.parse(rows.getString(1)), rows.getString(2)));
                }
            }
            return List.copyOf(rules);
        });
    }

    /** @return false when the rule was there already */
    boolean add(BlockRule rule) {
        return jdbc.inTransaction(c -> insert(c, rule) && announced(c));
    }

    /** @return false when no such rule exists */
    boolean remove(BlockRule.Kind kind, String value) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement statement = c.prepareStatement("DELETE FROM blocklist_rule WHERE kind = ? AND value = ?")) {
                statement.setString(1, kind.label());
                statement.setString(2, value);
                return statement.executeUpdate() == 1 && announced(c);
            }
        });
    }

    /** Once per database: the rules of the file that kept the blocklist before ({@link BlocklistConfig#blocklistFile()}). */
    void importFile() {
        jdbc.inTransaction(c -> {
            if (FileImport.claim(c, "blocklist")) {
                List<BlockRule> rules = BlocklistFile.read(file);
                for (BlockRule rule : rules) {
                    insert(c, rule);
                }
                LOG.infof("imported %d blocklist entries from %s into the database", rules.size(), file);
                announced(c);
            }
            return null;
        });
    }

    private static boolean insert(Connection c, BlockRule rule) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "INSERT INTO blocklist_rule (kind, value) VALUES (?, ?) ON CONFLICT (kind, value) DO NOTHING")) {
            statement.setString(1, rule.kind().label());
            statement.setString(2, rule.value());
            return statement.executeUpdate() == 1;
        }
    }

    private static boolean announced(Connection c) throws SQLException {
        SharedChanges.announce(c, SharedTopic.BLOCKLIST);
        return true;
    }
}
