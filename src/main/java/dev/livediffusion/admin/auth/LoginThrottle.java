package dev.livediffusion.admin.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins from one address that address is locked
 * out, for a time that doubles with every further failure (up to {@code maxLockout}); the same holds for all
 * addresses together with {@code maxGlobalFailures}. Failures are forgotten after a quiet {@code maxLockout}.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String EVERYONE = "*";
    private static final int MAX_TRACKED = 10_000;

    private final AdminConfig.Login config;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(AdminConfig config) {
        this.config = config.login();
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** How long logins from {@code client} are still refused without looking at the password; zero if not. */
    public Duration lockedFor(String client) {
        Instant now = Instant.now();
        Duration mine = remaining(failures.get(client), now);
        Duration all = remaining(failures.get(EVERYONE), now);
        return mine.compareTo(all) >= 0 ? mine : all;
    }

    void failed(String client) {
        Instant now = Instant.now();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> forgotten(f, now));
        }
        failures.compute(client, (key, old) -> next(old, now, config.maxFailures()));
        failures.compute(EVERYONE, (key, old) -> next(old, now, config.maxGlobalFailures()));
    }

    void succeeded(String client) {
        failures.remove(client);
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
