package dev.livediffusion.generation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Accumulates milliseconds per named stage; a stage lapped twice (batch chunks) adds up. */
public final class Stopwatch {

    private final Map<String, Double> laps = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String stage) {
        laps.merge(stage, millisSince(last), Double::sum);
        last = System.nanoTime();
    }

    /** Milliseconds since a {@link System#nanoTime()} reading, to two decimals: how every timing is reported. */
    public static double millisSince(long start) {
        return Math.round((System.nanoTime() - start) / 1e4) / 100.0;
    }

    Map<String, Double> laps() {
        return laps;
    }
}
