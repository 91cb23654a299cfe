package dev.livediffusion.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds the server's clip slots ({@code app.live.max-clips}, all connections together): one client address at
 * most half of them (at least one), so a client with two tabs or two scripts cannot take every slot and leave the
 * others with {@code too_many_clips}.
 */
final class ClipSlots {

    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private int taken;

    /** @return null when a slot was taken for the address, else why not */
    synchronized String take(String address, int slots) {
        int perAddress = Math.max(1, slots / 2);
        if (taken >= slots) {
            return "the server is making " + slots + " clips already; try again shortly";
        }
        if (byAddress.getOrDefault(address, 0) >= perAddress) {
            return "one address makes at most " + perAddress + (perAddress == 1 ? " clip" : " clips")
                    + " at once; stop the other first";
        }
        taken++;
        byAddress.merge(address, 1, Integer::sum);
        return null;
    }

    synchronized void release(String address) {
        taken--;
        byAddress.computeIfPresent(address, (key, held) -> held == 1 ? null : held - 1);
    }

    synchronized int taken() {
        return taken;
    }
}
