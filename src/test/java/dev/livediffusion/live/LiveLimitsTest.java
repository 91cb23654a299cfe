package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits changed at run time take effect on the next message or connection. */
@QuarkusTest
class LiveLimitsTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveSettings settings;
    @Inject
    LiveConfig config;

    @AfterEach
    void restore() {
        settings.setMaxConnections(config.maxConnections());
        settings.setMessagesPerSecond(config.messagesPerSecond());
    }

    @Test
    void aConnectionOverTheLimitIsToldWhyAndClosed() throws Exception {
        settings.setMaxConnections(1);
        try (LiveClient first = LiveClient.connect(base)) {
            first.nextOfType("hello", 10);
            try (LiveClient second = LiveClient.connect(base)) {
                assertEquals("too_many_connections", second.nextOfType("error", 10).json().path("code").asText());
                for (int i = 0; i < 50 && second.isOpen(); i++) {
                    Thread.sleep(100);
                }
                assertTrue(!second.isOpen(), "the server closed the extra connection");
            }
            first.sendPrompt(1, "still served", 2L);
            assertEquals(1, first.nextOfType("frame", 30).json().path("seq").asLong());
        }
    }

    @Test
    void floodingIsRateLimitedAndTheConnectionRecovers() throws Exception {
        settings.setMessagesPerSecond(2);
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            for (int seq = 1; seq <= 8; seq++) {
                client.sendPrompt(seq, "flood " + seq, 3L);
            }
            assertEquals("rate_limited", client.nextOfType("error", 10).json().path("code").asText());
            Thread.sleep(1500);
            client.sendPrompt(100, "after a pause", 3L);
            long seq = -1;
            while (seq != 100) {
                seq = client.nextOfType("frame", 30).json().path("seq").asLong();
            }
        }
    }
}
