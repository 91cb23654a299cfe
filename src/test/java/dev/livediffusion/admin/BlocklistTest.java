package dev.livediffusion.admin;

import dev.livediffusion.live.LiveClient;
import dev.livediffusion.blocklist.PromptBlocklist;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Words and patterns blocked on the admin page are refused live and by the REST API, with a clear message. */
@QuarkusTest
class BlocklistTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    PromptBlocklist blocklist;

    @AfterEach
    void clear() {
        blocklist.rules().forEach(rule -> blocklist.remove(rule.kind(), rule.value()));
    }

    @Test
    void aBlockedWordIsRefusedLiveAndViaRestAndAllowedAgainOnceRemoved() throws Exception {
        AdminSession admin = AdminSession.logIn();
        admin.form().formParam("kind", "word").formParam("value", "Forbidden Fruit").post("/admin/blocklist")
                .then().statusCode(303);
        admin.withoutToken().get("/admin/blocklist").then().statusCode(200).body(containsString("forbidden fruit"));

        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a bowl of FORBIDDEN   fruit on a table", 1L);
            LiveClient.Message error = client.nextOfType("error", 10);
            assertEquals("blocked_prompt", error.json().path("code").asText());
            assertEquals(1, error.json().path("seq").asLong());
            assertTrue(error.json().path("message").asText().contains("forbidden fruit"), error.json().toString());
            client.sendPrompt(2, "a forbiddenfruitstand, one word", 1L);
            assertEquals(2, client.nextOfType("frame", 30).json().path("seq").asLong(), "only whole words are blocked");
        }
        given().contentType("application/json").body("{\"prompt\":\"forbidden fruit\",\"seed\":1}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("blocked_prompt"))
                .body("message", containsString("not allowed"));

        admin.form().formParam("kind", "word").formParam("value", "forbidden fruit").post("/admin/blocklist/remove")
                .then().statusCode(303);
        given().contentType("application/json").body("{\"prompt\":\"forbidden fruit\",\"seed\":1}").post("/api/images")
                .then().statusCode(200);
    }

    @Test
    void aPatternMatchesAnywhereAndABadPatternIsRefusedWithoutChangingTheList() {
        AdminSession admin = AdminSession.logIn();
        admin.form().formParam("kind", "pattern").formParam("value", "sk(u|e)ll").post("/admin/blocklist").then().statusCode(303);
        given().contentType("application/json").body("{\"prompt\":\"a SKELLETON dancing\"}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("blocked_prompt"));

        admin.form().formParam("kind", "pattern").formParam("value", "a(b").post("/admin/blocklist")
                .then().statusCode(400).body(containsString("does not compile"));
        admin.form().formParam("kind", "word").formParam("value", "  ").post("/admin/blocklist").then().statusCode(400);
        admin.form().formParam("kind", "pattern").formParam("value", "sk(u|e)ll").post("/admin/blocklist")
                .then().statusCode(400).body(containsString("already blocked"));
        assertEquals(1, blocklist.rules().size());
    }

    @Test
    void aBlockedWordIsRefusedAsTheModelReadsItHtmlReferencesAndUnicodeSpacesIncluded() throws Exception {
        AdminSession admin = AdminSession.logIn();
        admin.form().formParam("kind", "word").formParam("value", "red").post("/admin/blocklist").then().statusCode(303);
        admin.form().formParam("kind", "word").formParam("value", "big cat").post("/admin/blocklist").then().statusCode(303);
        List<String> variants = List.of("a &#114;ed circle", "a r&amp;#101;d circle", "a &#x72;&#x65;&#x64; circle",
                "a big\u00a0cat", "a big\u2009cat", "a big\u3000cat", "a big&nbsp;cat", "a BIG&#32;&#32;Cat");
        for (String prompt : variants) {
            given().contentType("application/json").body(Map.of("prompt", prompt)).post("/api/images")
                    .then().statusCode(400).body("code", equalTo("blocked_prompt"));
        }
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            for (int i = 0; i < variants.size(); i++) {
                client.sendPrompt(i + 1, variants.get(i), 1L);
                LiveClient.Message error = client.nextOfType("error", 10);
                assertEquals("blocked_prompt", error.json().path("code").asText(), variants.get(i));
            }
            client.sendPrompt(20, "a &lt;redder&gt; circle", 1L);
            assertEquals(20, client.nextOfType("frame", 30).json().path("seq").asLong(), "only whole words are blocked");
        }
    }
}
