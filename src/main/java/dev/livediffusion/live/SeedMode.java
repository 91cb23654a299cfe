package dev.livediffusion.live;

/** Which seed a connection (or REST request) starts with when the client names none. */
public enum SeedMode {
    /** Everyone starts from {@code app.live.default-seed}: the same words give the same picture for all. */
    FIXED,
    /** Each connection draws its own seed, so people typing the same words see different pictures. */
    RANDOM
}
