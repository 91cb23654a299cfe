package dev.livediffusion.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyTrustTest {

    @Test
    void forwardedHeadersAreBelievedOnlyFromNamedProxies() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ProxyTrust.check(true, Optional.empty()));
        assertTrue(refused.getMessage().contains("quarkus.http.proxy.trusted-proxies"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> ProxyTrust.check(true, Optional.of(List.of())));
        assertDoesNotThrow(() -> ProxyTrust.check(true, Optional.of(List.of("10.0.0.10"))));
        assertDoesNotThrow(() -> ProxyTrust.check(false, Optional.empty()));
    }
}
