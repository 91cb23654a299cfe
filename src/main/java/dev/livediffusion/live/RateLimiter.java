package dev.livediffusion.live;

/**
 * A token bucket: {@code perSecond} messages a second on average, bursts of two seconds' worth. Of the messages it
 * refuses one a second is to be answered, so a flood costs one error message a second, not one per message.
 */
final class RateLimiter {

    /** {@code REFUSE}: refused, and to be answered; {@code DROP}: refused, and answered already this second. */
    enum Verdict { PASS, REFUSE, DROP }

    private static final long ONE_SECOND = 1_000_000_000L;

    private double tokens = -1;
    private long last = System.nanoTime();
    private long lastAnswered = last - ONE_SECOND;

    synchronized Verdict check(int perSecond) {
        long now = System.nanoTime();
        double burst = 2.0 * perSecond;
        tokens = tokens < 0 ? burst : Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        if (now - lastAnswered < ONE_SECOND) {
            return Verdict.DROP;
        }
        lastAnswered = now;
        return Verdict.REFUSE;
    }
}
