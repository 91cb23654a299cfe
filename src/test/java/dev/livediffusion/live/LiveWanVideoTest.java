package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The app with a Wan2.1 folder as its video model (the tiny fixture): hello says so, and a clip streams in order. */
@QuarkusTest
@TestProfile(LiveWanVideoTest.WanFolder.class)
class LiveWanVideoTest {

    /** Its own database directory, as an app restarted with other configuration needs. */
    public static class WanFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.video.path", "src/test/resources/models/tiny-wan",
                    "app.database.data-dir", "target/test-postgres-wan");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void helloSaysWanAndASixteenFrameClipStreamsInOrder() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            var video = client.nextOfType("hello", 10).json().path("models").path(1);
            assertEquals("video", video.path("kind").asText());
            assertEquals("wan", video.path("contract").asText());
            assertEquals("model", video.path("firstFrames").path(0).asText());
            client.sendVideoPrompt(1, "a red cat", 3, 16);
            for (int i = 0; i < 16; i++) {
                var frame = client.nextOfType("frame", 60).json();
                assertEquals(i, frame.path("index").asInt(), "frames in order");
                assertEquals(16, frame.path("frameRate").asInt(), "the folder's fps");
            }
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }
}
