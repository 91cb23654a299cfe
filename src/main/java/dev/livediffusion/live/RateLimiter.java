package dev.livediffusion.live;

/** A token bucket: {@code perSecond} messages a second on average, bursts of two seconds' worth. */
final class RateLimiter {

    private double tokens = -1;
    private long last = System.nanoTime();

    synchronized boolean tryAcquire(int perSecond) {
        long now = System.nanoTime();
        double burst = 2.0 * perSecond;
        tokens = tokens < 0 ? burst : Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
