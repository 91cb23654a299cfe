package dev.livediffusion.admin.settings;

import dev.livediffusion.database.Jdbc;
import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.prompt.PromptPolicy;
import dev.livediffusion.shared.SharedChange;
import dev.livediffusion.shared.SharedChanges;
import dev.livediffusion.shared.SharedTopic;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The runtime settings every instance runs with: the configured start values, overridden by what an administrator
 * saved on any instance (kept in the database, so a restarted instance agrees with the others).
 */
@ApplicationScoped
@Startup
public class SharedSettings {

    private static final Logger LOG = Logger.getLogger(SharedSettings.class);

    private final Jdbc jdbc;
    private final LiveSettings settings;
    private final PromptPolicy policy;
    /** Taken before anything stored is applied: the configuration's values. */
    private final SettingsForm configured;

    SharedSettings(Jdbc jdbc, LiveSettings settings, PromptPolicy policy) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.policy = policy;
        this.configured = SettingsForm.of(settings, policy);
        reload(new SharedChange(SharedTopic.SETTINGS));
    }

    synchronized void reload(@Observes SharedChange change) {
        if (change.topic() != SharedTopic.SETTINGS) {
            return;
        }
        SettingsForm form = configured.with(stored()).validated();
        if (form.errors().isEmpty()) {
            form.applyTo(settings, policy);
        } else {
            LOG.errorf("the stored runtime settings are out of bounds (%s); keeping those in force", form.errors());
        }
    }

    /** Keeps a form whose {@link SettingsForm#validated()} had no errors, for every instance, and applies it here. */
    synchronized void save(SettingsForm form) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO runtime_setting (name, value) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
                for (Map.Entry<String, String> field : form.fields().entrySet()) {
                    upsert.setString(1, field.getKey());
                    upsert.setString(2, field.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            SharedChanges.announce(c, SharedTopic.SETTINGS);
            return null;
        });
        form.applyTo(settings, policy);
    }

    /** Back to the configured values on every instance. */
    synchronized void reset() {
        jdbc.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM runtime_setting")) {
                delete.executeUpdate();
            }
            SharedChanges.announce(c, SharedTopic.SETTINGS);
            return null;
        });
        configured.applyTo(settings, policy);
    }

    private Map<String, String> stored() {
        return jdbc.inConnection(c -> {
            Map<String, String> stored = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT name, value FROM runtime_setting");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getString(2));
                }
            }
            return stored;
        });
    }
}
