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
            assertEquals(4, video.path("sectionFrames").asInt(), "tiny-svd's UNet makes 4 frames a call");
            assertEquals(7, video.path("frameRate").asInt());
            client.sendVideoPrompt(1, "a photo of a cat", 3, 16);
            for (int i = 0; i < 16; i++) {
                var frame = client.nextOfType("frame", 60).json();
                assertEquals(i, frame.path("index").asInt(), "frames in order");
                assertEquals(7, frame.path("frameRate").asInt(), "the folder's fps (diffusers' default 7)");
            }
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }

    /** hello lists SVD's settings with bounds and the folder's defaults; a clip plays at the fps its prompt sets. */
    @Test
    void helloListsTheSettingsAndAPromptsFpsSetsTheFrameRate() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            var settings = client.nextOfType("hello", 10).json().path("models").path(1).path("settings");
            assertEquals("{\"min\":1,\"max\":30,\"default\":7}", settings.path("fps").toString());
            assertEquals("{\"min\":0,\"max\":255,\"default\":127}", settings.path("motionBucketId").toString());
            assertEquals("{\"min\":0.0,\"max\":1.0,\"default\":0.02}", settings.path("noiseAugStrength").toString());
            assertEquals("{\"min\":1.0,\"max\":20.0,\"default\":1.0}", settings.path("minGuidanceScale").toString());
            assertEquals("{\"min\":1.0,\"max\":20.0,\"default\":3.0}", settings.path("maxGuidanceScale").toString());
            client.sendText(videoPrompt(1, ",\"fps\":12,\"motionBucketId\":30,\"noiseAugStrength\":0.1"));
            for (int i = 0; i < 4; i++) {
                assertEquals(12, client.nextOfType("frame", 60).json().path("frameRate").asInt());
            }
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }

    @Test
    void settingsOutOfBoundsAreRefusedEachWithItsCode() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            String[][] refused = {{"\"fps\":0", "bad_fps"}, {"\"fps\":7.5", "bad_fps"}, {"\"fps\":\"7\"", "bad_fps"},
                    {"\"motionBucketId\":256", "bad_motion_bucket_id"},
                    {"\"noiseAugStrength\":-0.1", "bad_noise_aug_strength"},
                    {"\"minGuidanceScale\":0.5", "bad_min_guidance_scale"},
                    {"\"maxGuidanceScale\":21", "bad_max_guidance_scale"}};
            for (int i = 0; i < refused.length; i++) {
                client.sendText(videoPrompt(i + 1, "," + refused[i][0]));
                var error = client.nextOfType("error", 10).json();
                assertEquals(refused[i][1], error.path("code").asText(), refused[i][0]);
                assertEquals(i + 1, error.path("seq").asLong());
            }
        }
    }

    /** A 4-frame video prompt with {@code extra} fields (each led by a comma). */
    private static String videoPrompt(long seq, String extra) {
        return "{\"type\":\"prompt\",\"seq\":" + seq + ",\"text\":\"a cat\",\"seed\":3,\"mode\":\"video\",\"frames\":4"
                + extra + "}";
    }

    /**
     * A prompt typed during a clip shows from the next section (tiny-svd's are 4 frames): the frames of the section
     * being handed out keep the seq they were made for, and every frame from the next section on carries the new one.
     */
    @Test
    void aSteeringPromptsSeqShowsFromTheNextSection() throws Exception {
        int frames = 40;   // past the 3 s test lead at 7 frames/s, so the clip is still running when the steer lands
        try (LiveClient client = LiveClient.connect(base)) {
            int sectionFrames = client.nextOfType("hello", 10).json().path("models").path(1).path("sectionFrames").asInt();
            client.sendVideoPrompt(1, "a photo of a cat", 3, frames);
            assertEquals(1, client.nextOfType("frame", 60).json().path("seq").asLong());
            client.sendVideoPrompt(2, "a watercolour of a lighthouse", 3, frames);
            int firstSteered = client.firstFrameOfTheSteer(frames, 1, 2);
            assertTrue(firstSteered > 0, "the steering prompt reached the clip");
            assertEquals(0, firstSteered % sectionFrames, "the first steered frame starts a section: " + firstSteered);
            assertEquals("done", client.nextOfType("clip_end", 60).json().path("reason").asText());
        }
    }
}
