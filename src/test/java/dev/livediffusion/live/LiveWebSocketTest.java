package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LiveWebSocketTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveStats stats;
    @Inject
    LiveSettings settings;

    @Test
    void helloThenOneFrameWithItsHeader() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            LiveClient.Message hello = client.next(10);
            assertEquals("hello", hello.type());
            assertFalse(hello.json().path("models").path(0).path("name").asText().isEmpty());
            assertTrue(hello.json().path("limits").path("maxPromptChars").asInt() > 0);

            client.sendPrompt(1, "a red circle", 7L);
            LiveClient.Message frame = client.nextOfType("frame", 30);
            var header = frame.json();
            assertEquals(1, header.path("seq").asLong());
            assertEquals(7, header.path("seed").asLong());
            assertEquals("image/jpeg", header.path("mime").asText());
            assertEquals("image", header.path("kind").asText());
            assertFalse(header.has("clip") || header.has("index") || header.has("position"), "no clip fields: " + header);
            assertEquals(hello.json().path("models").path(0).path("name").asText(), header.path("model").asText());
            for (String stage : List.of("text", "denoise", "decode", "encode", "total")) {
                assertTrue(header.path("timings").path(stage).isNumber(), "timing " + stage + " in " + header);
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.image()));
            assertNotNull(image, "the frame's bytes decode as an image");
            // The count goes up once the socket reports the write done, which may be just after the client has it.
            String status = "";
            for (int i = 0; i < 50 && !status.matches("(?s).*<span>[1-9]\\d* frames sent</span>.*"); i++) {
                Thread.sleep(100);
                status = io.restassured.RestAssured.get("/status").then().statusCode(200).extract().asString();
            }
            assertTrue(status.matches("(?s).*<span>[1-9]\\d* frames sent</span>.*"), "the status line counts it: " + status);
            assertEquals(header.path("width").asInt(), image.getWidth());
            assertEquals(header.path("height").asInt(), image.getHeight());
        }
    }

    @Test
    void sameSeedAndTextGiveTheSameImageAndOtherWordsChangeIt() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a blue star", 3L);
            byte[] first = client.nextOfType("frame", 30).image();
            client.sendPrompt(2, "a green heart", 3L);
            byte[] other = client.nextOfType("frame", 30).image();
            client.sendPrompt(3, "A  blue star ", 3L);
            LiveClient.Message again = client.nextOfType("frame", 30);
            assertEquals(3, again.json().path("seq").asLong(), "a repeated prompt still gets its own frame");
            assertArrayEquals(first, again.image());
            assertFalse(Arrays.equals(first, other), "different words give a different picture");
        }
    }

    @Test
    void anIdenticalConsecutivePromptGetsThePreviousFrameWithoutAnEngineCall() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a yellow moon", 8L);
            LiveClient.Message first = client.nextOfType("frame", 30);
            long reused = stats.duplicatesReused();
            long engineCalls = engineCalls();

            client.sendPrompt(2, "  A yellow   MOON ", 8L);
            LiveClient.Message again = client.nextOfType("frame", 30);
            assertEquals(2, again.json().path("seq").asLong(), "the repeat is answered under its own seq");
            assertArrayEquals(first.image(), again.image());
            assertEquals(0, again.json().path("batch").asInt(), "no engine call: " + again.json());
            List<String> stages = new ArrayList<>();
            again.json().path("timings").fieldNames().forEachRemaining(stages::add);
            assertEquals(List.of("total"), stages, "a repeat has no stage times of its own: " + again.json());
            assertEquals(reused + 1, stats.duplicatesReused(), "counted as a repeat served from cache");
            assertEquals(engineCalls, engineCalls(), "no engine call for the repeat");

            client.sendPrompt(3, "a yellow moon", 9L);
            client.nextOfType("frame", 30);
            assertEquals(reused + 1, stats.duplicatesReused(), "another seed is another picture");
            assertEquals(engineCalls + 1, engineCalls());
        }
    }

    private long engineCalls() {
        return LongStream.of(stats.batchSizes()).sum();
    }

    @Test
    void burstOfThirtyKeystrokesGivesOnlyInOrderFramesAndAnswersTheLast() throws Exception {
        String prompt = "a large red circle at the top";
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            for (int i = 1; i <= 30; i++) {
                client.sendPrompt(i, prompt.substring(0, Math.min(prompt.length(), i)), 11L);
            }
            List<Long> seqs = new ArrayList<>();
            while (seqs.isEmpty() || seqs.get(seqs.size() - 1) != 30) {
                LiveClient.Message message = client.next(30);
                assertEquals("frame", message.type(), "no errors during a burst: " + message.json());
                seqs.add(message.json().path("seq").asLong());
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "frames in increasing seq order: " + seqs);
            }
            assertTrue(seqs.size() < 30, "stale prompts were skipped, not all computed: " + seqs);
            assertEquals(null, client.poll(1.0), "nothing after the frame for the last seq");
        }
    }

    @Test
    void badInputGetsAnErrorAndTheConnectionStaysUsable() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            expectError(client, "{not json", "bad_json");
            expectError(client, "[1,2]", "bad_json");
            expectError(client, "{\"type\":\"dance\",\"seq\":1}", "unknown_type");
            expectError(client, "{\"type\":\"prompt\",\"text\":\"x\"}", "bad_seq");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":5}", "bad_text");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"seed\":-1}", "bad_seed");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"seed\":1.5}", "bad_seed");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"seed\":9007199254740992}", "bad_seed");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"seed\":\"7\"}", "bad_seed");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"" + "a".repeat(401) + "\"}", "prompt_too_long");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"" + "a".repeat(5000) + "\"}", "message_too_large");
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("bad_binary", client.nextOfType("error", 10).json().path("code").asText());

            client.sendPrompt(5, "a cyan ring", 1L);
            assertEquals(5, client.nextOfType("frame", 30).json().path("seq").asLong());
            expectError(client, "{\"type\":\"prompt\",\"seq\":5,\"text\":\"again\"}", "bad_seq");
            client.sendPrompt(6, "a cyan ring on a gray background", 1L);
            assertEquals(6, client.nextOfType("frame", 30).json().path("seq").asLong());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void twoConnectionsEachGetTheirOwnFrames() throws Exception {
        try (LiveClient a = LiveClient.connect(base); LiveClient b = LiveClient.connect(base)) {
            a.nextOfType("hello", 10);
            b.nextOfType("hello", 10);
            a.sendPrompt(1, "a red square", 5L);
            b.sendPrompt(100, "a blue triangle", 6L);
            LiveClient.Message fromA = a.nextOfType("frame", 30);
            LiveClient.Message fromB = b.nextOfType("frame", 30);
            assertEquals(1, fromA.json().path("seq").asLong());
            assertEquals(5, fromA.json().path("seed").asLong());
            assertEquals(100, fromB.json().path("seq").asLong());
            assertEquals(6, fromB.json().path("seed").asLong());
        }
    }

    @Test
    void clientsWaitingTogetherShareOneEngineCallWhenBatchingIsOn() throws Exception {
        int configured = settings.maxBatch();
        settings.setMaxBatch(4);
        List<LiveClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                clients.add(LiveClient.connect(base));
                clients.get(c).nextOfType("hello", 10);
            }
            int largest = 0;
            // the first prompt of a round takes the engine and the others wait for it together; rounds repeat
            // only in case a slow machine sent them after the first frame was done
            for (int round = 1; round <= 5 && largest < 2; round++) {
                for (int c = 0; c < clients.size(); c++) {
                    clients.get(c).sendPrompt(round, "a red square and a blue star " + "xyzw".charAt(c), (long) c);
                }
                for (int c = 0; c < clients.size(); c++) {
                    LiveClient.Message frame = clients.get(c).nextOfType("frame", 30);
                    assertEquals(round, frame.json().path("seq").asLong());
                    assertEquals(c, frame.json().path("seed").asLong(), "each client gets the frame of its own prompt");
                    largest = Math.max(largest, frame.json().path("batch").asInt());
                }
            }
            assertTrue(largest >= 2 && largest <= 4, "waiting prompts went into one engine call: batch " + largest);
        } finally {
            settings.setMaxBatch(configured);
            for (LiveClient client : clients) {
                client.close();
            }
        }
    }

    private static void expectError(LiveClient client, String raw, String code) throws InterruptedException {
        client.sendText(raw);
        LiveClient.Message error = client.nextOfType("error", 10);
        assertEquals(code, error.json().path("code").asText(), "for " + raw.substring(0, Math.min(60, raw.length())));
        assertFalse(error.json().path("message").asText().isEmpty());
    }
}
