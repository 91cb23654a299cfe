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

/** The app with an SVD-XT folder as its video model (the tiny fixture): hello says so, and a clip streams in order. */
@QuarkusTest
@TestProfile(LiveSvdVideoTest.SvdFolder.class)
class LiveSvdVideoTest {

    /** Its own database directory, as an app restarted with other configuration needs. */
    public static class SvdFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.video.path", "src/test/resources/models/tiny-svd",
                    "app.database.data-dir", "target/test-postgres-svd");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void helloSaysSvdAndASixteenFrameClipStreamsInOrder() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            var video = client.nextOfType("hello", 10).json().path("models").path(1);
            assertEquals("video", video.path("kind").asText());
            assertEquals("svd", video.path("contract").asText());
            assertEquals("image", video.path("firstFrames").path(0).asText());
            client.sendVideoPrompt(1, "a photo of a cat", 3, 16);
            for (int i = 0; i < 16; i++) {
                var frame = client.nextOfType("frame", 60).json();
                assertEquals(i, frame.path("index").asInt(), "frames in order");
                assertEquals(7, frame.path("frameRate").asInt(), "the folder's fps (diffusers' default 7)");
            }
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }

    /**
     * A prompt typed during a clip shows from the next section (tiny-svd's are 4 frames): the frames of the section
     * being handed out keep the seq they were made for, and every frame from the next section on carries the new one.
     */
    @Test
    void aSteeringPromptsSeqShowsFromTheNextSection() throws Exception {
        int sectionFrames = 4;
        int frames = 40;   // past the 3 s test lead at 7 frames/s, so the clip is still running when the steer lands
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 3, frames);
            assertEquals(1, client.nextOfType("frame", 60).json().path("seq").asLong());
            client.sendVideoPrompt(2, "a watercolour of a lighthouse", 3, frames);
            int firstSteered = -1;
            for (int i = 1; i < frames; i++) {
                var frame = client.nextOfType("frame", 60).json();
                assertEquals(i, frame.path("index").asInt(), "frames in order");
                long seq = frame.path("seq").asLong();
                if (firstSteered < 0 && seq == 2) {
                    firstSteered = i;
                }
                assertEquals(firstSteered < 0 ? 1 : 2, seq, "frame " + i);
            }
            assertTrue(firstSteered > 0, "the steering prompt reached the clip");
            assertEquals(0, firstSteered % sectionFrames, "the first steered frame starts a section: " + firstSteered);
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }
}
