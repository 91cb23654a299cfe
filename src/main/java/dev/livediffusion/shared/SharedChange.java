package dev.livediffusion.shared;

/** A CDI event: some instance (this one included) changed what {@code topic} names; reload it from the database. */
public record SharedChange(SharedTopic topic) {
}
