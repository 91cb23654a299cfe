package dev.livediffusion.gallery;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GalleryBrowserTest {

    private static final Page.WaitForFunctionOptions PATIENTLY = new Page.WaitForFunctionOptions().setTimeout(30_000);

    @TestHTTPResource("/")
    URI base;

    @Test
    void typeSaveShareAndPlayTheFlipbookInAFreshBrowser() {
        String prompt = "a small blue boat";
        try (Chromium chromium = Chromium.launch()) {
            String shareUrl;
            try (BrowserContext creator = chromium.browser.newContext(); Page live = creator.newPage()) {
                live.navigate(base.toString());
                live.waitForSelector("#state.live");
                live.locator("#new-gallery-name").fill("Boats");
                live.locator("#new-gallery button[type=submit]").click();
                live.waitForFunction("() => document.getElementById('save-gallery').selectedOptions[0]?.text.startsWith('Boats')",
                        null, PATIENTLY);

                live.locator("#prompt").click();
                live.keyboard().type(prompt, new Keyboard.TypeOptions().setDelay(120));
                live.waitForFunction("text => document.getElementById('frame').dataset.text === text", prompt, PATIENTLY);
                live.waitForFunction("() => Number(document.getElementById('flipbook-count').textContent) >= 3", null, PATIENTLY);

                live.locator("#save-frame").click();
                live.waitForFunction("() => document.getElementById('save-status').textContent.startsWith('Saved.')",
                        null, PATIENTLY);
                live.locator("#save-flipbook").click();
                live.waitForFunction("() => document.getElementById('save-status').textContent.startsWith('Saved a flipbook')",
                        null, PATIENTLY);
                shareUrl = base.resolve(live.locator("#open-gallery").getAttribute("href")).toString();
                live.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("gallery-save-panel")));
            }

            try (BrowserContext visitor = chromium.browser.newContext(); Page share = visitor.newPage()) {
                share.navigate(shareUrl);
                assertEquals("Boats", share.locator(".gallery-name").textContent());
                assertEquals(2, share.locator(".card").count());
                Locator picture = share.locator(".card").nth(1);
                assertEquals(prompt, picture.locator(".card-prompt").textContent());
                share.waitForFunction("() => [...document.querySelectorAll('.card img')].every(i => i.complete && i.naturalWidth > 0)",
                        null, PATIENTLY);
                assertEquals(0, share.locator("[hx-delete]").count(), "a visitor cannot edit");

                Locator flipbook = share.locator(".card").first().locator("figure.flipbook");
                share.locator(".card").first().locator("button.play").click();
                Set<String> captions = new HashSet<>();
                Set<String> shownFrames = new HashSet<>();
                for (int i = 0; i < 30 && shownFrames.size() < 3; i++) {
                    share.waitForTimeout(100);
                    shownFrames.add(flipbook.getAttribute("data-frame"));
                    captions.add(flipbook.locator(".flipbook-caption").textContent());
                }
                assertTrue(shownFrames.size() >= 3, "the flipbook played through frames " + shownFrames);
                assertTrue(captions.stream().allMatch(c -> prompt.startsWith(c.strip()) || c.isEmpty()),
                        "captions are the typed prefixes: " + captions);
                share.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("gallery-share")).setFullPage(true));

                picture.locator("a.card-picture").click();
                share.waitForSelector("#prompt");
                assertEquals(prompt, share.locator("#prompt").textContent());
                String remix = share.locator("#remix").getAttribute("href");
                share.locator("#remix").click();
                share.waitForSelector("#state.live");
                assertEquals(prompt, share.locator("#prompt").inputValue(), "remix opens the live page with the prompt " + remix);
            }
        }
    }

    @Test
    void aFreshBrowserSavesWithoutCreatingAGalleryAndDownloadsThePicture() throws IOException {
        String prompt = "a yellow kite, high up";
        try (Chromium chromium = Chromium.launch();
             BrowserContext fresh = chromium.browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
             Page live = fresh.newPage()) {
            live.navigate(base.toString());
            live.waitForSelector("#state.live");
            assertTrue(live.locator("#save-gallery").textContent().startsWith("My pictures"), live.locator("#save-gallery").textContent());
            live.locator("#prompt").click();
            live.keyboard().type(prompt, new Keyboard.TypeOptions().setDelay(60));
            live.waitForFunction("text => document.getElementById('frame').dataset.text === text", prompt, PATIENTLY);

            Download download = live.waitForDownload(() -> live.locator("#download-frame").click());
            String seed = live.locator("#seed").inputValue();
            assertEquals("live-diffusion-a-yellow-kite-high-up-seed-" + seed + ".jpg", download.suggestedFilename());
            byte[] bytes = Files.readAllBytes(download.path());
            boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
            boolean png = bytes.length > 8 && bytes[0] == (byte) 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
            assertTrue(jpeg || png, "the download is the picture: " + bytes.length + " bytes");

            live.locator("#save-frame").click();
            live.waitForFunction("() => document.getElementById('save-status').textContent.startsWith('Saved.')", null, PATIENTLY);
            assertTrue(live.locator("#save-status").textContent().contains("My pictures"), live.locator("#save-status").textContent());
            assertEquals("My pictures (1)", live.locator("#save-gallery option:checked").textContent());
            String slug = live.locator("#save-gallery").inputValue();
            given().get("/api/galleries/" + slug).then().statusCode(200)
                    .body("name", equalTo("My pictures")).body("items.prompt", contains(prompt));

            // the next save goes into the same gallery, and creating more stays possible
            live.locator("#save-frame").click();
            live.waitForFunction("() => document.getElementById('save-gallery').selectedOptions[0]?.text === 'My pictures (2)'",
                    null, PATIENTLY);
            APIResponse mine = live.request().get(base.resolve("/api/galleries/mine").toString());
            assertEquals(1, mine.text().split("\"slug\"").length - 1, mine.text());
            live.locator("#new-gallery-name").fill("Kites");
            live.locator("#new-gallery button[type=submit]").click();
            live.waitForFunction("() => document.getElementById('save-gallery').selectedOptions[0]?.text.startsWith('Kites')",
                    null, PATIENTLY);
            assertEquals(2, live.locator("#save-gallery option").count());
        }
    }

    @Test
    void aFinishedVideoIsSavedAsAFlipbookWithItsFrameRate() {
        try (Chromium chromium = Chromium.launch(); BrowserContext creator = chromium.browser.newContext();
             Page live = creator.newPage()) {
            live.navigate(base.toString());
            live.waitForSelector("#state.live");
            live.locator("#new-gallery-name").fill("Clips");
            live.locator("#new-gallery button[type=submit]").click();
            live.waitForFunction("() => document.getElementById('save-gallery').selectedOptions[0]?.text.startsWith('Clips')",
                    null, PATIENTLY);
            live.locator("input[name=mode][value=video]").check();
            live.locator("#prompt").fill("waves rolling in");
            live.locator("#clip-seconds").selectOption("2");
            live.locator("#clip-toggle").click();
            live.waitForSelector("#save-clip:not([hidden])", new Page.WaitForSelectorOptions().setTimeout(60_000));
            int frames = Integer.parseInt(live.locator("#clip-count").textContent());
            assertTrue(frames >= 2, "the clip has frames: " + frames);
            live.locator("#save-clip").click();
            live.waitForFunction("() => document.getElementById('save-status').textContent.startsWith('Saved the clip')",
                    null, PATIENTLY);

            live.navigate(base.resolve(live.locator("#open-gallery").getAttribute("href")).toString());
            assertEquals(1, live.locator(".card").count());
            assertTrue(live.locator(".card").textContent().contains("flipbook, " + frames + " frames"),
                    live.locator(".card").textContent());
            assertEquals("waves rolling in", live.locator(".card-prompt").textContent());

            // the video keeps the video model's frame rate (8/s; 2 s are not thinned) and plays and downloads at it
            live.locator(".card-picture").click();
            live.waitForSelector("#download-mp4");
            assertEquals("125", live.locator("figure.flipbook").getAttribute("data-frame-ms"));
            assertTrue(live.locator(".detail-info").textContent().contains(frames + " frames at 8 frames/s"),
                    live.locator(".detail-info").textContent());
            APIResponse mp4 = live.request().get(base.resolve(live.locator("#download-mp4").getAttribute("href")).toString());
            assertEquals(200, mp4.status());
            assertEquals("video/mp4", mp4.headers().get("content-type"));
            APIResponse gif = live.request().get(base.resolve(live.locator("#download-gif").getAttribute("href")).toString());
            assertEquals("image/gif", gif.headers().get("content-type"));
        }
    }

    @Test
    void theGalleryPagesScriptsRunUnderTheContentSecurityPolicy() {
        GalleryClient.Created gallery = GalleryClient.create("Policy check");
        GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a green square"), 3,
                List.of(TestImages.png(3, 64, 64)), "image/png").then().statusCode(201);
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext();
             Page page = context.newPage()) {
            List<String> violations = Chromium.cspViolations(page);
            page.navigate(base.resolve("/g/" + gallery.slug()).toString());
            page.locator(".gallery-edit summary").click();
            page.locator("input[name=token]").fill("not-the-token");
            page.locator("button:has-text('Unlock editing')").click();
            page.waitForSelector("output:has-text('That is not this gallery’s edit token.')");
            page.locator("input.share-url").click();
            assertEquals(page.locator("input.share-url").inputValue(),
                    page.evaluate("() => window.getSelection().toString() || document.activeElement.value.substring("
                            + "document.activeElement.selectionStart, document.activeElement.selectionEnd)"));
            String link = page.locator("input.share-url").inputValue();
            assertEquals(base.resolve("/g/" + gallery.slug()).toString(), link, "a whole link, as pasted elsewhere");
            assertTrue(page.locator("input.edit-token-value").count() == 0, "only the owner is shown the token");
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            page.locator("button:has-text('Copy link')").click();
            page.waitForSelector("button:has-text('Copied')");
            assertEquals(link, page.evaluate("() => navigator.clipboard.readText()"));

            page.locator("input[name=token]").fill(gallery.editToken());
            page.locator("button:has-text('Unlock editing')").click();
            page.waitForSelector("input.edit-token-value", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            assertEquals(gallery.editToken(), page.locator("input.edit-token-value").inputValue(),
                    "the owner can see the token to take editing elsewhere");
            page.locator(".card a.card-picture").first().click();
            page.waitForURL("**/i/*");
            String[] asked = new String[1];
            page.onDialog(dialog -> {
                asked[0] = dialog.message();
                dialog.accept();
            });
            page.locator("button.danger:has-text('Delete')").click();
            page.waitForURL("**/g/" + gallery.slug());
            assertEquals("Delete this picture?", asked[0]);
            assertEquals(List.of(), violations);
        }
    }

    @Test
    void theSharedPageScriptMarksTheNavShowsLocalTimesAndKeepsDetailsOpen() {
        GalleryClient.Created gallery = GalleryClient.create("Shared script");
        String pageUrl = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a red dot"), 5,
                List.of(TestImages.png(5, 32, 32)), "image/png").then().statusCode(201).extract().path("pageUrl");
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext();
             Page page = context.newPage()) {
            List<String> violations = Chromium.cspViolations(page);
            page.navigate(base.resolve(URI.create(pageUrl).getPath()).toString());
            page.waitForFunction("() => !document.querySelector('time[data-local]').textContent.endsWith('UTC')");
            Locator timings = page.locator("dd:has-text('unet 12.5 ms')");
            assertTrue(!timings.isVisible(), "timings wait behind Details");
            page.locator("summary:has-text('Details')").click();
            assertTrue(timings.isVisible());
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("item-details")));

            page.navigate(base.resolve("/g/" + RandomTokens.slug()).toString());
            assertEquals("Nothing here", page.locator("h1").textContent());
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("not-found")));
            page.locator("a:has-text('Explore public galleries')").click();
            page.waitForURL("**/explore");
            assertEquals("Explore", page.locator(".site-nav a[aria-current=page]").textContent());
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("explore")));

            page.navigate(base.toString());
            page.waitForSelector(".status-people");
            page.locator("#status-details summary").click();
            page.waitForTimeout(2_500);   // the strip refreshes every 2 s
            assertTrue(page.locator("#status-details").evaluate("d => d.open").equals(true), "Details stays open");
            assertTrue(page.locator("#status-details").textContent().contains("frames sent"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-status-details")));
            assertEquals(List.of(), violations);
        }
    }
}
