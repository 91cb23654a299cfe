package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            assertEquals(8, video.path("sectionFrames").asInt(), "a later section's 2 new latent frames, 4 frames each");
            client.sendVideoPrompt(1, "a red cat", 3, 16);
            for (int i = 0; i < 16; i++) {
                var frame = client.nextOfType("frame", 60).json();
                assertEquals(i, frame.path("index").asInt(), "frames in order");
                assertEquals(16, frame.path("frameRate").asInt(), "the folder's fps");
            }
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }

    /**
     * Typing steers from the next section (tiny-wan's first is 12 frames, each later one 8): the frames of the section
     * being handed out keep the seq they were made for, and every frame from the next section on carries the new one.
     */
    @Test
    void aSteeringPromptShowsFromTheNextSection() throws Exception {
        int frames = 80;   // past the test lead at 16 frames/s, so the clip is still running when the steer lands
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a red cat", 3, frames);
            assertEquals(1, client.nextOfType("frame", 60).json().path("seq").asLong());
            client.sendVideoPrompt(2, "a blue dog on the moon", 3, frames);
            int firstSteered = client.firstFrameOfTheSteer(frames, 1, 2);
            assertTrue(firstSteered >= 12 && (firstSteered - 12) % 8 == 0,
                    "the first steered frame starts a section: " + firstSteered);
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }
}
