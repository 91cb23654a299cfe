package dev.livediffusion.live;

import com.microsoft.playwright.Page;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LivePageBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void typingKeyByKeyChangesTheImageAndTheLastFrameAnswersTheFinalText() {
        String prompt = "a small green star on a red background";
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            Set<String> pictures = new HashSet<>();
            page.locator("#prompt").click();
            for (char key : prompt.toCharArray()) {
                page.keyboard().type(String.valueOf(key), new com.microsoft.playwright.Keyboard.TypeOptions().setDelay(60));
                pictures.add(canvasDigest(page));
            }
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", prompt,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            pictures.add(canvasDigest(page));
            assertTrue(pictures.size() >= 3, "the picture changed while typing: " + pictures.size() + " distinct frames");
            assertEquals(prompt, page.locator("#frame").getAttribute("data-text"));
            assertTrue(page.locator("#tokens").textContent().matches("\\d+ / 77 tokens"), page.locator("#tokens").textContent());
            assertTrue(page.locator("#latency").textContent().endsWith("ms"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-page")).setFullPage(true));
        }
    }

    /** A cheap fingerprint of what the canvas shows. */
    private static String canvasDigest(Page page) {
        return (String) page.evaluate("() => { const c = document.getElementById('frame');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let h = 0; for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0; return String(h); }");
    }
}
