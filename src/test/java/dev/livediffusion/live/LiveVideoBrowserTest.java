package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LiveVideoBrowserTest {

    private static final Page.WaitForFunctionOptions PATIENTLY = new Page.WaitForFunctionOptions().setTimeout(30_000);
    private static final String START = "a photo of a cat";
    private static final String STEERED = START + " in the city";

    @TestHTTPResource("/")
    URI base;

    @Test
    void startAVideoWatchTheProgressBarAdvanceSteerItAndSaveIt() throws Exception {
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#new-gallery-name").fill("Steered clips");
            page.locator("#new-gallery button[type=submit]").click();
            page.waitForFunction("() => document.getElementById('save-gallery').selectedOptions[0]?.text.startsWith('Steered')",
                    null, PATIENTLY);
            // the headers of the video's frames, as the page hands them to the save panel when the video ends
            page.evaluate("() => document.addEventListener('live:clip', e => window.clipHeaders = e.detail.frames.map(f => f.header))");

            page.locator("input[name=mode][value=video]").check();
            page.locator("#prompt").fill(START);
            // A 10-minute video (4800 frames; the page offers 60 s at most): the tiny test model makes 480 frames before
            // a steer sent after the first one reaches the server (seen: every frame on the start prompt).
            page.evaluate("() => { const s = document.getElementById('clip-seconds'); s.add(new Option('10 min', '600'));"
                    + " s.value = '600'; }");
            page.locator("#clip-toggle").click();
            // steer once the first frame has arrived, in one edit
            page.waitForFunction("() => Number(document.getElementById('video-controls').dataset.received) >= 1",
                    null, PATIENTLY);
            page.locator("#prompt").fill(STEERED);
            page.waitForFunction("() => document.getElementById('clip-progress').value >= 1", null, PATIENTLY);
            double early = progress(page);
            page.waitForFunction("early => document.getElementById('clip-progress').value >= early + 4", early, PATIENTLY);
            assertTrue(progress(page) > early, "the progress bar advanced");
            // Download takes the picture on screen: a frame of the video, not the last picture of image mode
            Download download = page.waitForDownload(() -> page.locator("#download-frame").click());
            assertTrue(download.suggestedFilename().startsWith("live-diffusion-a-photo-of-a-cat"),
                    "a video frame's name: " + download.suggestedFilename());
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-video")));
            // the steered frames come on screen a lead after the keystroke (app.live.clip-lead, 3 s in tests)
            page.waitForFunction("t => document.getElementById('frame').dataset.text === t", STEERED, PATIENTLY);
            // the video is still being made and played: Stop ends both
            assertEquals("Stop", page.locator("#clip-toggle").textContent());
            page.locator("#clip-toggle").click();
            double shown = progress(page);
            page.waitForSelector("#save-clip:not([hidden])", new Page.WaitForSelectorOptions().setTimeout(30_000));
            assertEquals(shown, ((Number) page.evaluate("() => window.clipHeaders.length")).doubleValue(),
                    "the frames that were on screen are saved, not those made ahead of them");

            List<Integer> seqs = numbers(page.evaluate("() => window.clipHeaders.map(h => h.seq)"));
            List<Integer> indices = numbers(page.evaluate("() => window.clipHeaders.map(h => h.index)"));
            for (int i = 0; i < indices.size(); i++) {
                assertEquals(i, indices.get(i), "frames in order");
                assertTrue(i == 0 || seqs.get(i) >= seqs.get(i - 1), "once steered, later frames follow the newer prompt: " + seqs);
            }
            assertTrue(seqs.get(seqs.size() - 1) > seqs.get(0), "frames after the change carry a newer seq: " + seqs);
            assertEquals(START, page.evaluate("() => window.clipHeaders[0].prompt"));
            assertEquals(STEERED, page.evaluate("() => window.clipHeaders.at(-1).prompt"), "the last frames follow the final text");

            page.locator("#save-clip").click();
            page.waitForFunction("() => document.getElementById('save-status').textContent.startsWith('Saved the clip')",
                    null, PATIENTLY);
            String slug = page.locator("#open-gallery").getAttribute("href").replace("/g/", "");
            JsonNode item = new ObjectMapper().readTree(page.request().get(base.resolve("/api/galleries/" + slug).toString()).text())
                    .path("items").path(0);
            assertEquals(START, item.path("frames").path(0).path("prompt").asText(), "the saved clip starts with the first text");
            assertEquals(STEERED, item.path("prompt").asText(), "and ends steered");
            assertTrue(item.path("frameRate").asDouble() > 0, "saved as a clip: " + item);

            page.waitForTimeout(1100);
            assertEquals("pill live", page.locator("#state").getAttribute("class"), "a stop leaves no 'server busy'");
        }
    }

    @Test
    void theControlsFollowTheVideoUntilItHasPlayedNotUntilItWasMade() {
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            assertFalse(page.locator("#video-controls").isVisible(), "no video controls in image mode");
            page.locator("input[name=mode][value=video]").check();
            assertTrue(page.locator("#video-controls").isVisible());

            page.locator("#prompt").fill(START);
            page.locator("#prompt").pressSequentially(" now");
            assertTrue(page.locator("#clip-note").textContent().contains("Press Start clip"),
                    "typing with no clip running says what it does");
            assertEquals("tiny-video", page.locator("#model-name").textContent(),
                    "the help line names the video model in video mode");
            page.locator("#clip-seconds").selectOption("10");
            page.locator("#clip-toggle").click();
            assertEquals("Stop", page.locator("#clip-toggle").textContent());
            assertFalse(page.locator("#clip-note").isVisible());
            // the server makes frames a lead ahead of playback: it is done before the last of the 10 s have played
            page.waitForFunction("() => document.getElementById('video-controls').dataset.clipState === 'playing'",
                    null, new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertEquals("Stop", page.locator("#clip-toggle").textContent(), "still playing, so still stoppable");
            assertFalse(page.locator("#clip-note").isVisible());
            page.locator("#prompt").pressSequentially(" at night");
            assertTrue(page.locator("#clip-note").isVisible(), "a steer after the clip was made says what becomes of it");

            page.locator("#clip-toggle").click();
            assertEquals("done", page.locator("#video-controls").getAttribute("data-clip-state"));
            assertEquals("Start clip", page.locator("#clip-toggle").textContent());
            double stoppedAt = progress(page);
            assertTrue(stoppedAt < 80, "stopped before the end: " + stoppedAt);
            page.waitForTimeout(600);
            assertEquals(stoppedAt, progress(page), "playback stopped");
            assertEquals("done", page.locator("#video-controls").getAttribute("data-clip-state"), "and no new clip began");
            assertFalse(page.locator("#clip-note").isVisible());
        }
    }

    private static double progress(Page page) {
        return ((Number) page.evaluate("() => document.getElementById('clip-progress').value")).doubleValue();
    }

    private static List<Integer> numbers(Object array) {
        return ((List<?>) array).stream().map(n -> ((Number) n).intValue()).toList();
    }
}
