package dev.livediffusion.instances;

import dev.livediffusion.database.Jdbc;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.live.LiveSessions;
import dev.livediffusion.live.LiveStats;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes this instance's row of {@code app_instance} every {@value #PERIOD_S} s, so every dashboard lists it. */
@ApplicationScoped
public class InstanceHeartbeat {

    static final int PERIOD_S = 2;
    private static final int MAX_NAME = 100;
    private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class);

    private final Jdbc jdbc;
    private final LiveSessions sessions;
    private final LiveStats stats;
    private final String name;
    private final String models;
    private final Instant started = Instant.now();
    private ScheduledExecutorService timer;

    InstanceHeartbeat(InstanceConfig config, Jdbc jdbc, LiveSessions sessions, LiveStats stats, ImagePipeline pipeline,
                      VideoModel videoModel) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.stats = stats;
        this.name = config.name().map(String::strip).orElseGet(InstanceHeartbeat::hostAndPid);
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalStateException("app.instance.name must have 1 to " + MAX_NAME + " characters");
        }
        this.models = Stream.concat(Stream.of(pipeline.info().name()), videoModel.pipeline().map(v -> v.info().name()).stream())
                .collect(Collectors.joining(", "));
    }

    String name() {
        return name;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "instance-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::beat, 0, PERIOD_S, TimeUnit.SECONDS);
    }

    /** Others stop listing this instance at once rather than when its heartbeat grows old. */
    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        try {
            jdbc.update("DELETE FROM app_instance WHERE name = ?", name);
        } catch (RuntimeException e) {
            LOG.debugf("could not remove this instance's heartbeat: %s", e.getMessage());
        }
    }

    private void beat() {
        try {
            jdbc.inConnection(c -> {
                try (PreparedStatement upsert = c.prepareStatement("INSERT INTO app_instance (name, models, connections,"
                        + " frames_per_second, started_at, seen_at) VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (name) DO UPDATE"
                        + " SET models = excluded.models, connections = excluded.connections,"
                        + " frames_per_second = excluded.frames_per_second, started_at = excluded.started_at, seen_at = now()")) {
                    upsert.setString(1, name);
                    upsert.setString(2, models);
                    upsert.setInt(3, sessions.count());
                    upsert.setDouble(4, stats.framesPerSecond());
                    upsert.setTimestamp(5, Timestamp.from(started));
                    return upsert.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat not written: %s", e.getMessage());
        }
    }

    private static String hostAndPid() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
