package dev.livediffusion.live;

import java.util.concurrent.atomic.AtomicLongArray;

/** Frames sent per second, averaged over the last few whole seconds. */
final class FrameRate {

    private static final int WINDOW_SECONDS = 5;
    private static final int SLOTS = WINDOW_SECONDS + 2;

    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);

    void tick() {
        long now = System.currentTimeMillis() / 1000;
        int slot = (int) (now % SLOTS);
        long seen = seconds.get(slot);
        if (seen != now && seconds.compareAndSet(slot, seen, now)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** Frames a second over the last {@value WINDOW_SECONDS} complete seconds. */
    double perSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int back = 1; back <= WINDOW_SECONDS; back++) {
            int slot = (int) ((now - back) % SLOTS);
            if (seconds.get(slot) == now - back) {
                total += counts.get(slot);
            }
        }
        return total / (double) WINDOW_SECONDS;
    }
}
