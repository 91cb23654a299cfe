package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LiveOriginsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAppsOwnPagesAndClientsWithoutAnOriginConnectOtherSitesDoNot() throws IOException {
        String own = "http://" + base.getHost() + ":" + base.getPort();
        for (String headers : new String[] {"", "Origin: " + own + "\r\n", "Origin: " + own.toUpperCase() + "\r\n"}) {
            try (RawLiveSocket socket = RawLiveSocket.connect(base, "/live", headers, 0)) {
                assertTrue(socket.read().text().contains("\"type\":\"hello\""), headers);
            }
        }
        for (String origin : new String[] {"https://evil.example", "null", "http://" + base.getHost() + ":1",
                "https://" + base.getHost() + ":" + base.getPort() + ".evil.example"}) {
            IOException refused = assertThrows(IOException.class,
                    () -> RawLiveSocket.connect(base, "/live", "Origin: " + origin + "\r\n", 0).close(), origin);
            assertTrue(refused.getMessage().contains("403"), origin + ": " + refused.getMessage());
        }
    }
}
