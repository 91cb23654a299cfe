package dev.livediffusion.instances;

import dev.livediffusion.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The instances on this database whose heartbeat is recent, for the admin dashboard. */
@ApplicationScoped
public class Instances {

    /** Three heartbeats missed: the instance stopped or lost the database. */
    private static final int LIVE_S = 3 * InstanceHeartbeat.PERIOD_S;

    private final Jdbc jdbc;
    private final InstanceHeartbeat self;

    Instances(Jdbc jdbc, InstanceHeartbeat self) {
        this.jdbc = jdbc;
        this.self = self;
    }

    public List<InstanceInfo> live() {
        return jdbc.inConnection(c -> {
            List<InstanceInfo> live = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT name, models, connections, frames_per_second,"
                    + " started_at FROM app_instance WHERE seen_at > now() - make_interval(secs => ?) ORDER BY name")) {
                select.setInt(1, LIVE_S);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        live.add(new InstanceInfo(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getDouble(4),
                                rows.getTimestamp(5).toInstant(), rows.getString(1).equals(self.name())));
                    }
                }
            }
            return live;
        });
    }
}
