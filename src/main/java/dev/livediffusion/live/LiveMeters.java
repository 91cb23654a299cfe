package dev.livediffusion.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The live channel's load as Prometheus gauges (counters and latencies are registered by {@link LiveStats}). */
@ApplicationScoped
class LiveMeters {

    void register(@Observes StartupEvent event, MeterRegistry registry, LiveSessions sessions, FrameScheduler scheduler) {
        Gauge.builder("live.connections", sessions, LiveSessions::count).description("open live connections").register(registry);
        Gauge.builder("live.sessions.pending", sessions, LiveSessions::pending)
                .description("connections holding a prompt not yet started").register(registry);
        Gauge.builder("live.sessions.scheduled", sessions, LiveSessions::scheduled)
                .description("connections with a frame queued, in generation or being sent").register(registry);
        Gauge.builder("live.queue", scheduler, FrameScheduler::queued).description("connections waiting for the engine").register(registry);
    }
}
