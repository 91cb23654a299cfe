package dev.livediffusion.gallery;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A budget per client address that refills at a steady rate up to its size (a token bucket): what one address may
 * spend in a minute. Addresses whose budget is full again are forgotten once many are kept, so the map stays small.
 */
final class AddressBudgets {

    private static final int FORGET_ABOVE = 10_000;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final long perMinute;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    AddressBudgets(long perMinute) {
        this.perMinute = perMinute;
    }

    /**
     * Spends {@code amount} from the address's budget.
     *
     * @return empty when spent, else the nanoseconds until the budget holds that much again (nothing spent)
     */
    OptionalLong spend(String address, long amount, long nowNanos) {
        if (budgets.size() > FORGET_ABOVE) {
            budgets.values().removeIf(budget -> budget.isFull(nowNanos));
        }
        return budgets.computeIfAbsent(address, key -> new Budget(nowNanos)).spend(amount, nowNanos);
    }

    private final class Budget {
        private double left = perMinute;
        private long at;

        Budget(long nowNanos) {
            at = nowNanos;
        }

        synchronized OptionalLong spend(long amount, long nowNanos) {
            refill(nowNanos);
            if (amount > left) {
                return OptionalLong.of((long) ((Math.min(amount, perMinute) - left) / perMinute * MINUTE_NANOS) + 1);
            }
            left -= amount;
            return OptionalLong.empty();
        }

        synchronized boolean isFull(long nowNanos) {
            refill(nowNanos);
            return left >= perMinute;
        }

        private void refill(long nowNanos) {
            left = Math.min(perMinute, left + (double) (nowNanos - at) / MINUTE_NANOS * perMinute);
            at = nowNanos;
        }
    }
}
