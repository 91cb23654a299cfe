package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the live channel, for the status readout and the admin page. */
@ApplicationScoped
public class LiveStats {

    private static final int MAX_TRACKED_BATCH = 16;

    final LongAdder promptsReceived = new LongAdder();
    final LongAdder framesSent = new LongAdder();
    final LongAdder staleSkipped = new LongAdder();
    final LongAdder duplicatesReused = new LongAdder();
    final LongAdder refused = new LongAdder();
    private final AtomicLongArray batchSizes = new AtomicLongArray(MAX_TRACKED_BATCH + 1);
    private volatile double lastEngineMs;

    void recordBatch(int size, double engineMs) {
        batchSizes.incrementAndGet(Math.min(size, MAX_TRACKED_BATCH));
        lastEngineMs = engineMs;
    }

    public long promptsReceived() {
        return promptsReceived.sum();
    }

    public long framesSent() {
        return framesSent.sum();
    }

    public long staleSkipped() {
        return staleSkipped.sum();
    }

    public long duplicatesReused() {
        return duplicatesReused.sum();
    }

    public long refused() {
        return refused.sum();
    }

    public double lastEngineMs() {
        return lastEngineMs;
    }

    /** Engine calls by batch size: index i counts calls of i prompts (the last index: that many or more). */
    public long[] batchSizes() {
        long[] counts = new long[batchSizes.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = batchSizes.get(i);
        }
        return counts;
    }
}
