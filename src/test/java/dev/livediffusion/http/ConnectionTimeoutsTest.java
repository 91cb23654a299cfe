package dev.livediffusion.http;

import dev.livediffusion.live.LiveClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test profile's limits: idle timeout 15 s, live pings every 2 s, body timeout 5 s. */
@QuarkusTest
class ConnectionTimeoutsTest {

    private static final long IDLE_TIMEOUT_MILLIS = 15_000;
    private static final long BODY_TIMEOUT_MILLIS = 5_000;

    @TestHTTPResource("/")
    URI base;

    @Test
    void idleConnectionsAreClosedWhileALivePageThatOnlyWatchesStaysConnected() throws Exception {
        try (LiveClient watching = LiveClient.connect(base)) {
            watching.nextOfType("hello", 10);
            List<Socket> idle = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                idle.add(new Socket(base.getHost(), base.getPort()));
            }
            long start = System.nanoTime();
            for (Socket socket : idle) {
                try (socket) {
                    socket.setSoTimeout((int) (IDLE_TIMEOUT_MILLIS + 10_000));
                    assertEquals(-1, socket.getInputStream().read(), "closed without a word");
                }
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsed >= IDLE_TIMEOUT_MILLIS - 2_000 && elapsed < IDLE_TIMEOUT_MILLIS + 10_000, elapsed + " ms");

            Thread.sleep(2_000);   // the live socket has now been silent longer than the idle timeout
            assertTrue(watching.isOpen());
            watching.sendPrompt(1, "a red circle", 1L);
            assertEquals(1, watching.nextOfType("frame", 30).json().path("seq").asLong());
        }
    }

    @Test
    void aBodyTrickledInIsCutOffAtTheBodyTimeout() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/images HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - start < (BODY_TIMEOUT_MILLIS + 10_000) * 1_000_000) {
                try {
                    out.write(' ');   // a byte a second: the idle timeout never fires
                    out.flush();
                    closed = in.read() == -1;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    closed = true;   // reset: written to a closed connection
                }
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closed, "still open after " + elapsed + " ms");
            assertTrue(elapsed >= BODY_TIMEOUT_MILLIS - 1_000, elapsed + " ms");
        }
    }
}
