package dev.livediffusion.instances;

import java.time.Instant;

/** One running instance as its last heartbeat described it. */
public record InstanceInfo(String name, String models, int connections, double framesPerSecond, Instant startedAt,
                           boolean self) {
}
