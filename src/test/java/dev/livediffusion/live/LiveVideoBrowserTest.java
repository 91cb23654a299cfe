package dev.livediffusion.live;

import com.microsoft.playwright.Page;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LiveVideoBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void startAClipWatchTheProgressBarAdvanceAndSteerIt() {
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#prompt").fill("a photo of a cat");
            page.locator("input[name=mode][value=video]").check();
            page.locator("#clip-seconds").selectOption("5");
            page.locator("#clip-toggle").click();
            page.waitForFunction("() => document.getElementById('clip-progress').value >= 3");
            double early = progress(page);
            page.locator("#prompt").pressSequentially(" in the city", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(40));
            page.waitForFunction("() => document.getElementById('clip-progress').value >= 20");
            assertTrue(progress(page) > early, "the progress bar advanced");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-video")));
            page.waitForFunction("() => document.getElementById('clip-status').textContent.startsWith('40 / 40')",
                    null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertTrue(page.locator("#clip-toggle").textContent().equals("Start clip"), "the clip ended");
        }
    }

    private static double progress(Page page) {
        return ((Number) page.evaluate("() => document.getElementById('clip-progress').value")).doubleValue();
    }
}
