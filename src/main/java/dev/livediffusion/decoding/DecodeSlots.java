package dev.livediffusion.decoding;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many pictures from outside are decoded at once, over every route (init images on the socket, the REST twin
 * and A1111's img2img; gallery frames exported): half the cores, so decoding never takes the whole machine and the
 * event loops and the engine keep theirs. Callers wait their turn in order of arrival.
 */
public final class DecodeSlots {

    private static final Semaphore SLOTS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);

    private DecodeSlots() {
    }

    public static <T> T decode(Supplier<T> decoding) {
        SLOTS.acquireUninterruptibly();
        try {
            return decoding.get();
        } finally {
            SLOTS.release();
        }
    }
}
