package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LiveVideoTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void helloNamesTheVideoModelAndAVideoStreamsInOrderFirstFrameFirst() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            var hello = client.nextOfType("hello", 10).json();
            assertEquals("video", hello.path("models").path(1).path("kind").asText());
            long start = System.nanoTime();
            client.sendVideoPrompt(1, "a photo of a cat", 3, 12);
            List<Long> arrivals = new ArrayList<>();
            double generatingAfterFirstMs = 0;
            String id = null;
            for (int i = 0; i < 12; i++) {
                LiveClient.Message frame = client.nextOfType("frame", 30);
                assertEquals("video", frame.json().path("kind").asText());
                id = frame.json().path("clip").asText();
                assertFalse(id.isEmpty(), "the protocol names the video's id \"clip\": " + frame.json());
                assertEquals(i, frame.json().path("index").asInt(), "frame indices 0..N-1 in order");
                assertEquals(12, frame.json().path("frames").asInt());
                assertTrue(frame.json().path("frameRate").asInt() > 0);
                arrivals.add(frame.receivedNanos() - start);
                if (i > 0) {
                    generatingAfterFirstMs += frame.json().path("timings").path("denoise").asDouble()
                            + frame.json().path("timings").path("decode").asDouble();
                }
            }
            var end = client.nextOfType("clip_end", 30).json();
            assertEquals("done", end.path("reason").asText());
            assertEquals(12, end.path("frames").asInt());
            assertEquals(id, end.path("clip").asText(), "clip_end names the video it ends");
            double spreadMs = (arrivals.get(11) - arrivals.get(0)) / 1e6;
            assertTrue(spreadMs >= 0.5 * generatingAfterFirstMs, "frame 0 was sent before frames 1..11 were made ("
                    + spreadMs + " ms between first and last arrival, " + generatingAfterFirstMs + " ms of generation)");
        }
    }

    @Test
    void aPromptChangeMidVideoChangesTheFollowingFrames() throws Exception {
        int frames = 200;
        List<byte[]> steady = new ArrayList<>();
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 21, frames);
            for (int i = 0; i < frames; i++) {
                steady.add(client.nextVideoFramePlayedAtOnce(30).image());
            }
        }
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 21, frames);
            int steeredFrames = 0;
            for (int i = 0; steeredFrames < 3; i++) {
                LiveClient.Message frame = client.nextVideoFramePlayedAtOnce(30);
                int index = frame.json().path("index").asInt();
                assertEquals(i, index);
                if (i == 2) {
                    client.sendVideoPrompt(2, "the painting of a city", 99, frames);
                }
                if (frame.json().path("seq").asLong() == 1) {
                    assertEquals(0, steeredFrames, "once steered, every later frame follows the new text");
                    assertArrayEquals(steady.get(index), frame.image(), "frame " + index + " before the change");
                } else {
                    steeredFrames++;
                    assertFalse(Arrays.equals(steady.get(index), frame.image()), "frame " + index + " follows the new text");
                    assertEquals(21, frame.json().path("seed").asLong(), "steering keeps the clip's seed");
                }
            }
            client.sendStop(3);
        }
    }

    @Test
    void stopEndsTheVideoWithinAFrame() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 4, 400);
            for (int i = 0; i < 3; i++) {
                client.nextOfType("frame", 30);
            }
            client.sendStop(2);
            var end = client.nextOfType("clip_end", 30).json();
            assertEquals("stopped", end.path("reason").asText());
            int stoppedAt = end.path("stoppedAt").asInt();
            assertTrue(stoppedAt >= 3 && stoppedAt < 400, "the stop came mid-clip: " + end);
            assertTrue(end.path("frames").asInt() <= stoppedAt + 1,
                    "at most the frame in progress is sent after the stop: " + end);
            client.sendStop(3);
            assertEquals("no_clip", client.nextOfType("error", 10).json().path("code").asText());
        }
    }

    /** The test profile's lead is 3 s: 24 frames at the tiny model's 8 frames/s. */
    private static final int LEAD_FRAMES = 24;

    @Test
    void aClientThatReportsNothingGetsItsClipAtTheFrameRateALeadAhead() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 4, 400);
            long first = client.nextOfType("frame", 30).receivedNanos();
            int frameRate = 8;
            long deadline = first + 2_500_000_000L;
            int received = 1;
            LiveClient.Message frame;
            while ((frame = client.poll(Math.max(0.01, (deadline - System.nanoTime()) / 1e9))) != null
                    && frame.receivedNanos() < deadline) {
                if (!frame.isFrame()) {
                    continue;
                }
                int index = frame.json().path("index").asInt();
                double dueSeconds = (index - LEAD_FRAMES) / (double) frameRate;
                assertTrue((frame.receivedNanos() - first) / 1e9 >= dueSeconds - 0.05,
                        "frame " + index + " came " + (frame.receivedNanos() - first) / 1e6 + " ms after frame 0, before"
                                + " its turn " + dueSeconds * 1000 + " ms");
                received++;
            }
            assertTrue(received <= 1 + LEAD_FRAMES + 2.6 * frameRate + 1, received + " frames in 2.5 s");
            assertTrue(received > LEAD_FRAMES, "the lead was made at once: " + received);
            client.sendStop(2);
            assertEquals("stopped", client.nextOfType("clip_end", 30).json().path("reason").asText());
        }
    }

    @Test
    void playbackReportsHoldTheClipBackAndLetItOn() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 4, 400);
            String clip = client.nextOfType("frame", 30).json().path("clip").asText();
            client.sendPlayed(clip, 0);   // and then nothing: a stalled player (a hidden tab)
            Thread.sleep(2000);
            int lastIndex = 0;
            for (LiveClient.Message frame; (frame = client.poll(0.1)) != null; ) {
                lastIndex = frame.isFrame() ? frame.json().path("index").asInt() : lastIndex;
            }
            // a report reaches half a second (4 frames) past itself, plus the lead
            assertTrue(lastIndex <= 4 + LEAD_FRAMES + 1, "a stalled player holds the clip back: frame " + lastIndex);
            client.sendPlayed(clip, 100);
            int later = 0;
            while (later < 100 + LEAD_FRAMES) {
                later = client.nextOfType("frame", 10).json().path("index").asInt();
            }
            client.sendStop(2);
            assertEquals("stopped", client.nextOfType("clip_end", 30).json().path("reason").asText());
        }
    }

    @Test
    void badPlaybackReportsAreRefusedAndStaleOnesChangeNothing() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendText("{\"type\":\"played\",\"clip\":5,\"index\":0}");
            assertEquals("bad_played", client.nextOfType("error", 10).json().path("code").asText());
            client.sendText("{\"type\":\"played\",\"clip\":\"x\",\"index\":-1}");
            assertEquals("bad_played", client.nextOfType("error", 10).json().path("code").asText());
            client.sendPlayed("no-such-clip", 3);   // a clip already over, say: nothing to pace, nothing to refuse
            client.sendPrompt(1, "a photo of a cat", 3L);
            assertEquals("frame", client.next(30).type(), "the report was taken silently, outside the seq order");
        }
    }

    @Test
    void badVideoLengthIsRefused() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a cat", 1, 100_000);
            assertEquals("bad_frames", client.nextOfType("error", 10).json().path("code").asText());
            client.sendText("{\"type\":\"prompt\",\"seq\":2,\"text\":\"a cat\",\"mode\":\"film\"}");
            assertEquals("bad_mode", client.nextOfType("error", 10).json().path("code").asText());
        }
    }

    /** The embedded model's graphs take no settings: its hello lists none, and a prompt naming one is refused. */
    @Test
    void thePackedContextModelTakesNoVideoSettings() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            var video = client.nextOfType("hello", 10).json().path("models").path(1);
            assertEquals(0, video.path("settings").size(), video.toString());
            assertEquals(1, video.path("sectionFrames").asInt(), "every frame reads the prompt in force");
            client.sendText("{\"type\":\"prompt\",\"seq\":1,\"text\":\"a cat\",\"mode\":\"video\",\"fps\":12}");
            assertEquals("bad_parameters", client.nextOfType("error", 10).json().path("code").asText());
            client.sendText("{\"type\":\"prompt\",\"seq\":2,\"text\":\"a cat\",\"motionBucketId\":12}");
            assertEquals("bad_parameters", client.nextOfType("error", 10).json().path("code").asText(),
                    "video settings on an image prompt");
        }
    }

    /** The test models have different decoders, so their latents are not each other's frames. */
    @Test
    void aVideoStartsFromThePictureOnlyWhereBothModelsShareALatentSpace() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            var hello = client.nextOfType("hello", 10).json();
            assertEquals("[\"model\"]", hello.path("models").path(1).path("firstFrames").toString());
            client.sendText("{\"type\":\"prompt\",\"seq\":1,\"text\":\"a cat\",\"mode\":\"video\",\"frames\":2,\"firstFrame\":\"image\"}");
            var refused = client.nextOfType("error", 10).json();
            assertEquals("first_frame_unavailable", refused.path("code").asText());
            assertEquals(1, refused.path("seq").asLong());
            client.sendText("{\"type\":\"prompt\",\"seq\":2,\"text\":\"a cat\",\"mode\":\"video\",\"frames\":2,\"firstFrame\":7}");
            assertEquals("bad_first_frame", client.nextOfType("error", 10).json().path("code").asText());
            client.sendText("{\"type\":\"prompt\",\"seq\":3,\"text\":\"a cat\",\"mode\":\"video\",\"frames\":2,\"firstFrame\":\"model\"}");
            assertEquals(0, client.nextOfType("frame", 30).json().path("index").asInt());
            assertEquals("done", client.nextOfType("clip_end", 30).json().path("reason").asText());
        }
    }

    @Test
    void memoryStaysFlatOverAMinuteLongVideo() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendVideoPrompt(1, "a photo of a cat", 8, 480);
            long early = 0;
            for (int i = 0; i < 480; i++) {
                client.nextVideoFramePlayedAtOnce(60);
                if (i == 60) {
                    early = usedHeapAfterGc();
                }
            }
            long late = usedHeapAfterGc();
            assertEquals("done", client.nextOfType("clip_end", 30).json().path("reason").asText());
            assertTrue(late - early < 16L << 20, "heap grew " + ((late - early) >> 10) + " KiB over 420 frames");
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void oneAddressHoldsAtMostHalfTheClipSlots() throws Exception {
        try (LiveClient first = LiveClient.connect(base, "10.9.0.1"); LiveClient second = LiveClient.connect(base, "10.9.0.1");
             LiveClient other = LiveClient.connect(base, "10.9.0.2")) {
            for (LiveClient client : new LiveClient[] {first, second, other}) {
                client.nextOfType("hello", 10);
            }
            first.sendVideoPrompt(1, "a long clip", 5, 400);
            first.nextOfType("frame", 30);
            second.sendVideoPrompt(1, "a second clip from the same address", 6, 10);
            LiveClient.Message refused = second.nextOfType("error", 10);
            assertEquals("too_many_clips", refused.json().path("code").asText());
            assertTrue(refused.json().path("message").asText().contains("one address"), refused.json().toString());
            other.sendVideoPrompt(1, "a clip from another address", 6, 2);
            assertEquals(1, other.nextOfType("frame", 30).json().path("seq").asLong(), "the other slot is free for others");
            first.sendStop(2);
            first.nextOfType("clip_end", 30);
        }
    }
}
