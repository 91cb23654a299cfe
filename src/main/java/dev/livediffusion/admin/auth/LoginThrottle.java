package dev.livediffusion.admin.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Slows password guessing: after {@code maxFailures} failed logins from one address that address is locked
 * out, for a time that doubles with every further failure (up to {@code maxLockout}); the same holds for all
 * addresses together with {@code maxGlobalFailures}. Failures are forgotten after a quiet {@code maxLockout}.
 * <p>
 * An attempt counts as failed from the moment it {@link #begin begins}, before its hash is checked, and only a
 * success takes it back: a burst sent at once is counted as it arrives, not after the slow hashes finish.
 * At most {@value #MAX_CONCURRENT_CHECKS} hashes are checked at once; more attempts are refused uncounted.
 */
@ApplicationScoped
public class LoginThrottle {

    /** A password check takes about a second of one core: two at once leave the other work its share. */
    static final int MAX_CONCURRENT_CHECKS = 2;
    private static final String EVERYONE = "*";
    private static final int MAX_TRACKED = 10_000;

    private final AdminConfig.Login config;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Semaphore checks = new Semaphore(MAX_CONCURRENT_CHECKS);

    LoginThrottle(AdminConfig config) {
        this.config = config.login();
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** One password check that has begun; closing it without {@link #succeeded()} leaves it counted as failed. */
    public final class Attempt implements AutoCloseable {
        private final String client;

        private Attempt(String client) {
            this.client = client;
        }

        void succeeded() {
            failures.remove(client);
            failures.computeIfPresent(EVERYONE, (key, old) -> old.count() <= 1 ? null : new Failures(old.count() - 1,
                    old.last(), old.count() - 1 >= config.maxGlobalFailures() ? old.lockedUntil() : old.last()));
        }

        @Override
        public void close() {
            checks.release();
        }
    }

    /** How long logins from {@code client} are still refused without looking at the password; zero if not. */
    public Duration lockedFor(String client) {
        Instant now = Instant.now();
        Duration mine = remaining(failures.get(client), now);
        Duration all = remaining(failures.get(EVERYONE), now);
        return mine.compareTo(all) >= 0 ? mine : all;
    }

    /** Counts a login attempt from {@code client}; empty (and nothing counted) if it is locked out or too many run. */
    synchronized Optional<Attempt> begin(String client) {
        if (!lockedFor(client).isZero() || !checks.tryAcquire()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> forgotten(f, now));
        }
        failures.compute(client, (key, old) -> next(old, now, config.maxFailures()));
        failures.compute(EVERYONE, (key, old) -> next(old, now, config.maxGlobalFailures()));
        return Optional.of(new Attempt(client));
    }

    private Failures next(Failures old, Instant now, int allowed) {
        int count = old == null || forgotten(old, now) ? 1 : old.count() + 1;
        Instant lockedUntil = now;
        if (count >= allowed) {
            long factor = 1L << Math.min(20, count - allowed);
            Duration lock = config.lockout().multipliedBy(factor);
            lockedUntil = now.plus(lock.compareTo(config.maxLockout()) > 0 ? config.maxLockout() : lock);
        }
        return new Failures(count, now, lockedUntil);
    }

    private boolean forgotten(Failures f, Instant now) {
        return f.lockedUntil().isBefore(now) && f.last().plus(config.maxLockout()).isBefore(now);
    }

    private static Duration remaining(Failures f, Instant now) {
        return f == null || !f.lockedUntil().isAfter(now) ? Duration.ZERO : Duration.between(now, f.lockedUntil());
    }
}
