package dev.livediffusion.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Debian's Chromium driven by Playwright, headless, with nothing downloaded. */
public final class Chromium implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    public final Browser browser;

    private Chromium(List<String> moreArgs) {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run"));
        args.addAll(moreArgs);
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(args));
    }

    public static Chromium launch() {
        return new Chromium(List.of());
    }

    /** With Chromium's fake camera (a moving test pattern), granted without asking. */
    public static Chromium withFakeCamera() {
        return new Chromium(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
    }

    /** Collects what the page reports of Content-Security-Policy violations from now on; empty while there are none. */
    public static List<String> cspViolations(Page page) {
        List<String> violations = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                violations.add(message.text());
            }
        });
        return violations;
    }

    /** Where tests keep screenshots for people to look at. */
    public static Path screenshot(String name) {
        return Path.of("target", "screenshots", name + ".png");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
