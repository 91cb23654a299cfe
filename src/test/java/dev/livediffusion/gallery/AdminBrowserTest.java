package dev.livediffusion.gallery;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.livediffusion.admin.AdminSession;
import dev.livediffusion.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator logs in with a real browser (landing where they were going), logs in again when the login
 * expires under the polling dashboard, finds an item by its prompt and deletes it.
 */
@QuarkusTest
class AdminBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void logInFindAnItemAndDeleteIt() {
        // The test database outlives a run: a word of its own makes this item the only match.
        String word = "scribble" + Long.toString(System.nanoTime(), 36);
        String prompt = "a rude orange " + word;
        GalleryClient.Created gallery = GalleryClient.create("Browser moderation");
        GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of(prompt), 5,
                List.of(TestImages.png(7, 64, 64)), "image/png").then().statusCode(201);
        given().get("/g/" + gallery.slug()).then().body(containsString(prompt));

        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext();
             Page page = context.newPage()) {
            page.navigate(base.resolve("/admin/galleries").toString());
            assertTrue(page.url().contains("/admin/login"), "sent to the login page: " + page.url());
            page.locator("#password").fill("wrong password here");
            page.locator("button[type=submit]").click();
            page.waitForSelector("text=Wrong password.");
            page.locator("#password").fill(AdminSession.PASSWORD);
            page.locator("button[type=submit]").click();
            page.waitForURL("**/admin/galleries");
            page.waitForSelector("h1:has-text('Galleries')");
            page.locator(".admin-nav a:has-text('Dashboard')").click();
            page.waitForSelector("[data-stage='denoise']");

            // the login expires while the dashboard polls: the whole page goes to the login, then back
            context.clearCookies();
            page.waitForURL("**/admin/login");
            assertEquals(0, page.locator("#load #password").count(), "the login form is a page, not a panel");
            page.locator("#password").fill(AdminSession.PASSWORD);
            page.locator("button[type=submit]").click();
            page.waitForURL("**/admin");
            page.waitForSelector("[data-stage='denoise']");

            page.locator(".admin-nav a:has-text('Galleries')").click();
            page.locator("input[name=q]").fill(word);
            page.locator("form:has(input[name=q]) button[type=submit]").click();
            page.waitForURL("**/admin/galleries?q=" + word);
            assertEquals(1, page.locator("tr[data-item]").count());
            page.onDialog(dialog -> dialog.accept());
            page.locator("tr[data-item] button:has-text('Delete')").click();
            page.waitForURL("**/admin/galleries");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("admin-galleries")).setFullPage(true));
            assertEquals(0, page.locator("tr[data-item]:has-text('" + word + "')").count());
        }
        given().get("/g/" + gallery.slug()).then().statusCode(200).body(not(containsString(prompt)));
    }
}
