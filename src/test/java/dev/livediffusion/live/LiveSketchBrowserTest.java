package dev.livediffusion.live;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live page's sketch pad (the tests' model has a vae_encoder): frames follow the strokes, and undo. */
@QuarkusTest
class LiveSketchBrowserTest {

    private static final Page.WaitForFunctionOptions PATIENTLY = new Page.WaitForFunctionOptions().setTimeout(30_000);

    @TestHTTPResource("/")
    URI base;

    @Test
    void eachStrokeRerendersThePictureAndUndoBringsBackTheFrameBefore() {
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            List<String> violations = Chromium.cspViolations(page);
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.waitForSelector("#sketch:not([hidden])");
            String typed = frameAfter(page, 1);

            page.locator("[data-colour='#e53935']").click();
            stroke(page, 0.2, 0.2, 0.8, 0.3);
            String first = frameAfter(page, 2);
            assertNotEquals(typed, first, "the sketch changes the picture");

            page.locator("#shape").selectOption("ellipse");
            page.locator("[data-colour='#1e88e5']").click();
            stroke(page, 0.3, 0.5, 0.7, 0.9);
            String second = frameAfter(page, 3);
            assertNotEquals(first, second, "the next stroke changes it again");

            page.locator("#undo").click();
            assertEquals(first, frameAfter(page, 4), "undo: the sketch, and so the picture, of before the last stroke");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-sketch")).setFullPage(true));

            page.locator("#sketch-on").uncheck();
            assertEquals(typed, frameAfter(page, 5), "off: the text prompt alone again");
            assertTrue(violations.isEmpty(), violations.toString());
            assertFalse(page.locator("#error").isVisible(), page.locator("#error").textContent());
        }
    }

    /** The camera (Chromium's fake one: a moving pattern) feeds the pad, each picture re-rendered, until stopped. */
    @Test
    void theCameraFeedsThePadUntilStopped() {
        try (Chromium chromium = Chromium.withFakeCamera(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.waitForSelector("#sketch:not([hidden])");
            String typed = frameAfter(page, 1);

            page.locator("#camera").click();
            String first = shownFrom(page, 2);
            assertEquals("true", page.locator("#camera").getAttribute("aria-pressed"));
            assertNotEquals(typed, first, "the camera's picture changes the frame");
            int seq = Integer.parseInt(page.locator("#frame").getAttribute("data-seq"));
            assertNotEquals(first, shownFrom(page, seq + 2), "the next pictures change it again (the pattern moves)");

            page.locator("#camera").click();
            assertEquals("false", page.locator("#camera").getAttribute("aria-pressed"));
            page.waitForTimeout(300); // a picture taken just before may still be on its way out
            String sent = page.locator("#sketch-pad").getAttribute("data-sent");
            page.waitForTimeout(1000);
            assertEquals(sent, page.locator("#sketch-pad").getAttribute("data-sent"), "stopped: nothing more is sent");
            assertFalse(page.locator("#camera-note").isVisible(), page.locator("#camera-note").textContent());
        }
    }

    /** Drags across the pad, from and to fractions of its size. */
    private static void stroke(Page page, double x0, double y0, double x1, double y1) {
        BoundingBox pad = page.locator("#sketch-pad").boundingBox();
        page.mouse().move(pad.x + x0 * pad.width, pad.y + y0 * pad.height);
        page.mouse().down();
        for (int i = 1; i <= 10; i++) {
            page.mouse().move(pad.x + (x0 + (x1 - x0) * i / 10) * pad.width, pad.y + (y0 + (y1 - y0) * i / 10) * pad.height);
        }
        page.mouse().up();
    }

    /** The picture on screen once a frame for message {@code seq} or a later one is shown (the camera sends on). */
    private static String shownFrom(Page page, int seq) {
        page.waitForFunction("seq => Number(document.getElementById('frame').dataset.seq) >= seq", seq, PATIENTLY);
        return (String) page.evaluate("() => document.getElementById('frame').toDataURL()");
    }

    /** The picture on screen once the frame for message {@code seq} is shown. */
    private static String frameAfter(Page page, int seq) {
        page.waitForFunction("seq => Number(document.getElementById('frame').dataset.seq) >= seq", seq, PATIENTLY);
        assertEquals(String.valueOf(seq), page.locator("#frame").getAttribute("data-seq"), "the newest message's frame");
        return (String) page.evaluate("() => document.getElementById('frame').toDataURL()");
    }
}
