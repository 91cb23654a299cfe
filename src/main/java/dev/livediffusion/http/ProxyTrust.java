package dev.livediffusion.http;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Refuses to start where forwarded headers would be believed from anyone. With
 * {@code quarkus.http.proxy.proxy-address-forwarding=true} alone, Quarkus takes {@code X-Forwarded-For} from every
 * client, so each could name any address: the login throttle, the storage quotas and the dashboard count addresses,
 * and a script locked the real admin out in 3.7 s. {@code quarkus.http.proxy.trusted-proxies} names the proxies
 * whose headers count.
 */
@ApplicationScoped
@Startup
public class ProxyTrust {

    ProxyTrust(@ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
               boolean forwarding,
               @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trusted) {
        check(forwarding, trusted);
    }

    static void check(boolean forwarding, Optional<List<String>> trusted) {
        if (forwarding && trusted.map(List::isEmpty).orElse(true)) {
            throw new IllegalStateException("quarkus.http.proxy.proxy-address-forwarding=true needs"
                    + " quarkus.http.proxy.trusted-proxies: the address (or CIDR range) of your proxy, so that no other"
                    + " client can name its own address in X-Forwarded-For");
        }
    }
}
