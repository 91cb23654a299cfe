package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edges of what a client may send: how large a message, how large a seq, which headers. */
@QuarkusTest
class LiveInputBoundsTest {

    private static final long MAX_SEQ = (1L << 53) - 1;

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveSessions sessions;

    @Test
    void aTextMessageOver64KiBEndsTheConnectionWith1009AndAReason() throws Exception {
        try (RawLiveSocket raw = RawLiveSocket.connect(base, 0)) {
            raw.read();
            raw.sendText(promptOfBytes(64 * 1024));
            assertTrue(raw.read().text().contains("\"code\":\"message_too_large\""), "64 KiB is answered, not closed");
            raw.sendText(promptOfBytes(64 * 1024 + 1));
            RawLiveSocket.Frame close = raw.readUntilClose();
            assertEquals(1009, close.closeCode());
            assertTrue(close.text().contains("65536"), "the reason says the limit: " + close.text());
        }
    }

    @Test
    void aBinaryMessageOverAnInitImagesBoundEndsTheConnectionWith1009() throws Exception {
        try (RawLiveSocket raw = RawLiveSocket.connect(base, 0)) {
            raw.read();
            raw.send(RawLiveSocket.BINARY, new byte[InitImageMessage.MAX_BYTES]);
            assertTrue(raw.read().text().contains("\"code\":\"bad_binary\""), "at the bound it is answered, not closed");
            raw.send(RawLiveSocket.BINARY, new byte[InitImageMessage.MAX_BYTES + 1]);
            RawLiveSocket.Frame close = raw.readUntilClose();
            assertEquals(1009, close.closeCode());
            assertFalse(close.text().isEmpty(), "with a reason");
        }
    }

    @Test
    void seqIsBoundedToSafeIntegersAndARefusedOneDoesNotCount() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            for (String seq : new String[] {"9223372036854775807", String.valueOf(MAX_SEQ + 1)}) {
                client.sendText("{\"type\":\"prompt\",\"seq\":" + seq + ",\"text\":\"x\"}");
                LiveClient.Message error = client.nextOfType("error", 10);
                assertEquals("bad_seq", error.json().path("code").asText());
                assertTrue(error.json().path("message").asText().contains(String.valueOf(MAX_SEQ)), error.toString());
            }
            client.sendPrompt(1, "a seq the refused ones did not use up", 2L);
            assertEquals(1, client.nextOfType("frame", 30).json().path("seq").asLong());
            client.sendPrompt(MAX_SEQ, "the largest seq", 2L);
            assertEquals(MAX_SEQ, client.nextOfType("frame", 30).json().path("seq").asLong());
        }
    }

    @Test
    void helloTellsTheLargestSeq() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            assertEquals(MAX_SEQ, client.nextOfType("hello", 10).json().path("limits").path("maxSeq").asLong());
        }
    }

    @Test
    void theHeadersTheServerSetsOnTheUpgradeCannotComeFromTheClient() throws Exception {
        String spoofed = "X-Live-Channel: someone-elses-channel\r\nX-Live-Peer-Address: 203.0.113.9\r\n";
        for (String path : new String[] {"/live", "/live/"}) {
            try (RawLiveSocket raw = RawLiveSocket.connect(base, path, spoofed, 0)) {
                assertTrue(raw.read().text().contains("\"type\":\"hello\""), "served on " + path);
                assertTrue(sessions.list().stream().noneMatch(s -> s.remoteAddress().contains("203.0.113.9")));
            }
        }
    }

    /** A prompt message of exactly {@code bytes} UTF-8 bytes. */
    private static String promptOfBytes(int bytes) {
        String head = "{\"type\":\"prompt\",\"seq\":1,\"text\":\"";
        String tail = "\"}";
        String message = head + "a".repeat(bytes - head.length() - tail.length()) + tail;
        assertEquals(bytes, message.getBytes(StandardCharsets.UTF_8).length);
        return message;
    }
}
