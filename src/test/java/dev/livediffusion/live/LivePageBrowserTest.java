package dev.livediffusion.live;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.livediffusion.admin.AdminSession;
import dev.livediffusion.blocklist.BlockRule;
import dev.livediffusion.blocklist.PromptBlocklist;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LivePageBrowserTest {

    /** The prompt of the README's screenshots. */
    private static final String SCREENSHOT_PROMPT = "a large red circle at the top left on a blue striped background";
    private static final Page.WaitForFunctionOptions PATIENTLY = new Page.WaitForFunctionOptions().setTimeout(30_000);

    @Inject
    PromptBlocklist blocklist;

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

    @Test
    void onAPhoneThePictureStaysInViewWhileTypingAndEveryControlCanBeReached() {
        Browser.NewContextOptions phone = new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(1);
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext(phone);
             Page page = context.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#prompt").click();
            page.keyboard().type(SCREENSHOT_PROMPT, new Keyboard.TypeOptions().setDelay(30));
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", SCREENSHOT_PROMPT, PATIENTLY);
            assertEquals("prompt", page.evaluate("() => document.activeElement.id"));
            assertInView(page, "#frame");
            assertInView(page, "#prompt");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-phone")));

            // an on-screen keyboard leaves about half the height: the picture shrinks so that it and the prompt box still show
            page.setViewportSize(390, 420);
            page.waitForFunction("() => document.documentElement.style.getPropertyValue('--visible-height') === '420px'");
            page.locator("#prompt").scrollIntoViewIfNeeded();
            assertInView(page, "#frame");
            assertInView(page, "#prompt");
            assertTrue(page.locator("#frame").boundingBox().height >= 150, "the picture is still a picture");
            page.setViewportSize(390, 844);

            // in video mode Start is in view with the prompt, without scrolling
            page.evaluate("() => window.scrollTo(0, 0)");
            page.locator("input[name=mode][value=video]").check();
            page.evaluate("() => window.scrollTo(0, 0)");
            assertInView(page, "#clip-toggle");
            page.locator("input[name=mode][value=image]").check();

            // the controls scroll under the pinned picture and can each be brought into view, uncovered
            for (String control : List.of("#seed", "#dice", "input[name=mode][value=video]", "#save-gallery",
                    "#new-gallery-name", "#save-frame", "#download-frame", "#save-flipbook")) {
                page.locator(control).scrollIntoViewIfNeeded();
                assertInView(page, control);
                assertTrue(page.locator(control).isEnabled() || control.equals("#save-flipbook"), control);
            }
            page.locator("#save-frame").focus();
            assertInView(page, "#save-frame");
        }
    }

    @Test
    void onADesktopThePictureIsBesideTheControls() {
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext(
                new Browser.NewContextOptions().setViewportSize(1280, 800)); Page page = context.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#prompt").click();
            page.keyboard().type(SCREENSHOT_PROMPT, new Keyboard.TypeOptions().setDelay(30));
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", SCREENSHOT_PROMPT, PATIENTLY);
            BoundingBox prompt = page.locator("#prompt").boundingBox();
            BoundingBox picture = page.locator("#frame").boundingBox();
            assertTrue(picture.x >= prompt.x + prompt.width, "the picture is right of the controls");
            assertEquals(512, picture.width, 0.5);
            assertInView(page, "#frame");
            assertInView(page, "#save-frame");
            // with the sketch pad scrolled into view, at least half the picture is still on screen
            page.waitForSelector("#sketch:not([hidden])");
            page.locator("#sketch-pad").scrollIntoViewIfNeeded();
            double shown = ((Number) page.evaluate("() => { const r = document.getElementById('frame').getBoundingClientRect();"
                    + " return (Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / r.height; }")).doubleValue();
            assertTrue(page.locator("#sketch-pad").isVisible() && shown >= 0.5, "the picture on screen: " + shown);
            page.evaluate("() => window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-desktop")));
        }
    }

    /** The element lies wholly within the viewport and nothing covers its middle. */
    @Test
    void theGuideCompletesWordsTheModelKnowsNamesTheOnesItDoesNotAndFillsExamples() {
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            assertEquals(PromptGuide.EXAMPLES.get(0), page.locator("#prompt").getAttribute("placeholder"));
            page.locator("#prompt").click();

            // typing "a lar" offers "large"; Tab takes it, and the completed prompt gets its frame
            page.keyboard().type("a lar", new Keyboard.TypeOptions().setDelay(40));
            page.waitForSelector("#completions li");
            assertEquals(List.of("large"), page.locator("#completions li").allTextContents());
            assertTrue(page.locator("#unknown-words").isHidden(), "a word being typed is not unknown");
            page.keyboard().press("Tab");
            assertEquals("a large ", page.locator("#prompt").inputValue());
            assertEquals("prompt", page.evaluate("() => document.activeElement.id"));
            assertTrue(page.locator("#completions").isHidden());
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", "a large ", PATIENTLY);

            // arrow keys pick among several, Enter takes the picked one; a click takes one too
            page.keyboard().type("s", new Keyboard.TypeOptions().setDelay(40));
            page.waitForSelector("#completions li");
            List<String> offered = page.locator("#completions li").allTextContents();
            assertTrue(offered.containsAll(List.of("small", "square", "star")), offered.toString());
            page.keyboard().press("ArrowDown");
            page.keyboard().press("ArrowDown");
            page.keyboard().press("Enter");
            assertEquals("a large " + offered.get(1) + " ", page.locator("#prompt").inputValue());
            page.keyboard().type("re", new Keyboard.TypeOptions().setDelay(40));
            page.locator("#completions li", new Page.LocatorOptions().setHasText("red")).click();
            assertEquals("a large " + offered.get(1) + " red ", page.locator("#prompt").inputValue());

            // a word the model does not know is named as soon as no known word starts with it, in any script
            page.locator("#prompt").fill("");
            page.keyboard().type("a red ci", new Keyboard.TypeOptions().setDelay(40));
            assertTrue(page.locator("#unknown-words").isHidden(), "\"ci\" may still become \"circle\"");
            page.locator("#prompt").fill("");
            page.keyboard().type("two cats", new Keyboard.TypeOptions().setDelay(40));
            page.waitForSelector("#unknown-words:not([hidden])");
            String note = page.locator("#unknown-words").textContent();
            assertTrue(note.contains("doesn't know “cats”") && note.contains("coloured shapes"), note);
            for (String foreign : List.of("一只猫", "قطة", "a red 🐱")) {
                page.locator("#prompt").fill(foreign);
                page.waitForSelector("#unknown-words:not([hidden])");
            }
            page.locator("#prompt").fill("a red cat ");
            page.waitForSelector("#unknown-words:has-text('cat')");

            // an example chip fills the prompt and gets its frame
            String example = PromptGuide.EXAMPLES.get(1);
            page.locator("button.chip", new Page.LocatorOptions().setHasText(example)).click();
            assertEquals(example, page.locator("#prompt").inputValue());
            assertTrue(page.locator("#unknown-words").isHidden());
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", example, PATIENTLY);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("live-guide")).setFullPage(true));
        }
    }

    @Test
    void clicksLandWhereAimedWhileCompletionsShowAndTabLeavesAFinishedWord() {
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#prompt").click();
            page.keyboard().type("a big purple h", new Keyboard.TypeOptions().setDelay(40));
            page.waitForSelector("#completions li");
            String seed = page.locator("#seed").inputValue();
            double diceTop = page.locator("#dice").boundingBox().y;
            page.locator("#dice").click();
            assertNotEquals(seed, page.locator("#seed").inputValue(), "New seed took the click");
            assertEquals(diceTop, page.locator("#dice").boundingBox().y, 0.5, "nothing moved when the list closed");

            page.locator("#prompt").click();
            page.locator("#prompt").fill("");
            page.keyboard().type("a red star", new Keyboard.TypeOptions().setDelay(40));
            page.waitForSelector("#completions li");
            page.keyboard().press("Tab");
            assertEquals("a red star", page.locator("#prompt").inputValue(), "a finished word is left as typed");
            assertNotEquals("prompt", page.evaluate("() => document.activeElement.id"), "Tab moves on");
        }
    }

    @Test
    void aBlockedWordIsRefusedWhileBeingTypedAndTheRefusalStaysUntilANewerPromptIsDrawn() {
        blocklist.add(BlockRule.Kind.WORD, "purple");
        try (Chromium chromium = Chromium.launch(); Page page = chromium.browser.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#prompt").click();
            page.keyboard().type("a big purpl", new Keyboard.TypeOptions().setDelay(40));
            page.waitForSelector("#error:has-text('blocked_prompt')");
            page.waitForTimeout(5_000);
            assertTrue(page.locator("#error").isVisible(), "the refusal stays while the prompt stands");
            page.locator("#prompt").fill("a big star");
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", "a big star", PATIENTLY);
            assertFalse(page.locator("#error").isVisible(), "a drawn newer prompt clears it");
        } finally {
            blocklist.remove(BlockRule.Kind.WORD, "purple");
        }
    }

    @Test
    void saveSaysSoWhenTheServerCannotBeReached() {
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext();
             Page page = context.newPage()) {
            page.navigate(base.toString());
            page.waitForSelector("#state.live");
            page.locator("#prompt").fill("a red star");
            page.waitForFunction("text => document.getElementById('frame').dataset.text === text", "a red star", PATIENTLY);
            context.setOffline(true);
            page.locator("#save-frame").click();
            page.waitForSelector("#save-status:has-text('cannot be reached')", new Page.WaitForSelectorOptions().setTimeout(5_000));
        }
    }

    @Test
    void thePageSaysWhatItCutsAndAnAdministratorsDisconnectSticks() {
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext();
             Page page = context.newPage()) {
            page.navigate(base.resolve("/?seed=abc").toString());
            page.waitForSelector("#state.live");

            page.locator("#prompt").fill("a large red circle at the top left and two small blue stars and three green"
                    + " squares at the bottom right and a purple ring on a yellow striped background");
            page.waitForSelector("#tokens.over");
            assertTrue(page.locator("#tokens").textContent().contains("the end of the prompt is not drawn"),
                    page.locator("#tokens").textContent());

            page.locator("#prompt").fill("");
            page.locator("#prompt").focus();
            page.evaluate("text => { const data = new DataTransfer(); data.setData('text/plain', text);"
                    + " document.getElementById('prompt').dispatchEvent(new ClipboardEvent('paste',"
                    + " { clipboardData: data, bubbles: true, cancelable: true })); }", "x".repeat(500));
            page.waitForSelector("#error:has-text('the pasted text was cut')");

            AdminSession admin = AdminSession.logIn();
            String sessions = admin.withoutToken().get("/admin/sessions").then().statusCode(200).extract().asString();
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("data-session=\"([^\"]+)\"").matcher(sessions);
            assertTrue(row.find(), sessions);
            admin.form().post("/admin/sessions/" + row.group(1) + "/disconnect").then().statusCode(303);
            page.waitForSelector("#state:has-text('disconnected by an administrator')");
            page.waitForTimeout(2_000);
            assertTrue(page.locator("#state").textContent().contains("disconnected by an administrator"),
                    "it does not reconnect by itself: " + page.locator("#state").textContent());
        }
    }

    private static void assertInView(Page page, String selector) {
        Object why = page.evaluate("""
                selector => {
                  const element = document.querySelector(selector), r = element.getBoundingClientRect();
                  if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5)
                    return `at ${r.left},${r.top}..${r.right},${r.bottom} in ${innerWidth}x${innerHeight}`;
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                  return hit === element || element.contains(hit) || hit?.control === element ? "" : `covered by ${hit?.outerHTML.slice(0, 80)}`;
                }""", selector);
        assertEquals("", why, selector + " is in view");
    }

    /** A cheap fingerprint of what the canvas shows. */
    private static String canvasDigest(Page page) {
        return (String) page.evaluate("() => { const c = document.getElementById('frame');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let h = 0; for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0; return String(h); }");
    }
}
