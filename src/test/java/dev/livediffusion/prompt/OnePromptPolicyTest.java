package dev.livediffusion.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livediffusion.gallery.TestImages;
import dev.livediffusion.live.LiveClient;
import dev.livediffusion.blocklist.BlockRule;
import dev.livediffusion.blocklist.PromptBlocklist;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same prompt and seed get the same answer on every entry point: the live socket, POST /api/images, the gallery
 * API's generate and its upload (the prompts the live page saves). A refusal has the same code and message on all.
 */
@QuarkusTest
class OnePromptPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an accepted prompt gets, in place of a refusal's code. */
    private static final String ACCEPTED = "accepted";

    @TestHTTPResource("/")
    URI base;
    @Inject
    PromptPolicy policy;
    @Inject
    PromptConfig config;
    @Inject
    PromptBlocklist blocklist;

    private long seq;

    @AfterEach
    void restore() {
        policy.setMaxChars(config.maxChars());
        blocklist.rules().forEach(rule -> blocklist.remove(rule.kind(), rule.value()));
    }

    @Test
    void promptsAreJudgedAlikeEverywhere() throws Exception {
        blocklist.add(BlockRule.Kind.WORD, "forbidden fruit");
        String emoji = "\uD83C\uDF4E";   // one character, two UTF-16 units
        assertSameEverywhere(ACCEPTED, "a lighthouse at dusk", 7);
        assertSameEverywhere(ACCEPTED, emoji.repeat(config.maxChars()), 7);
        assertSameEverywhere("prompt_too_long", emoji.repeat(config.maxChars() + 1), 7);
        assertSameEverywhere("prompt_too_long", "b".repeat(config.maxChars() + 1), 7);
        assertSameEverywhere("bad_text", "a\u0000b", 7);
        assertSameEverywhere("bad_text", 7, 7);
        assertSameEverywhere("blocked_prompt", "a bowl of Forbidden Fruit", 7);
        assertSameEverywhere("bad_seed", "x", -1);
        assertSameEverywhere("bad_seed", "x", 1.5);
        assertSameEverywhere("bad_seed", "x", "7");
        assertSameEverywhere("bad_seed", "x", PromptPolicy.MAX_SEED + 1);
    }

    @Test
    void theLimitSetInAdminHoldsEverywhere() throws Exception {
        policy.setMaxChars(12);
        assertSameEverywhere(ACCEPTED, "twelve chars", 3);
        assertSameEverywhere("prompt_too_long", "thirteen char", 3);
    }

    private void assertSameEverywhere(String expected, Object prompt, Object seed) throws Exception {
        List<Map<String, String>> answers = new ArrayList<>(List.of(live(prompt, seed), images(prompt, seed)));
        Map<String, String> gallery = newGallery();
        answers.add(generated(gallery, prompt, seed));
        answers.add(uploaded(gallery, prompt, seed));
        String what = prompt + " with seed " + seed;
        for (Map<String, String> answer : answers) {
            assertEquals(expected, answer.get("code"), what + ": " + answers);
            assertEquals(answers.get(0), answer, what + " answered alike: " + answers);
        }
    }

    private Map<String, String> live(Object prompt, Object seed) throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            ObjectNode message = JSON.createObjectNode().put("type", "prompt").put("seq", ++seq);
            message.set("text", JSON.valueToTree(prompt));
            message.set("seed", JSON.valueToTree(seed));
            client.sendText(message.toString());
            while (true) {
                LiveClient.Message answer = client.next(30);
                if (answer.type().equals("frame")) {
                    return Map.of("code", ACCEPTED);
                }
                if (answer.type().equals("error")) {
                    assertEquals(seq, answer.json().path("seq").asLong());
                    return Map.of("code", answer.json().path("code").asText(),
                            "message", answer.json().path("message").asText());
                }
            }
        }
    }

    private static Map<String, String> images(Object prompt, Object seed) {
        return answer(given().contentType("application/json").body(body(prompt, seed)).post("/api/images"), 200);
    }

    private static Map<String, String> generated(Map<String, String> gallery, Object prompt, Object seed) {
        return answer(given().header("X-Edit-Token", gallery.get("token")).contentType("application/json")
                .body(body(prompt, seed)).post("/api/galleries/" + gallery.get("slug") + "/items"), 201);
    }

    private static Map<String, String> uploaded(Map<String, String> gallery, Object prompt, Object seed) {
        ObjectNode meta = JSON.createObjectNode().put("kind", "frame").put("model", "test-model");
        meta.set("seed", JSON.valueToTree(seed));
        meta.putArray("prompts").add(JSON.valueToTree(prompt));
        return answer(given().header("X-Edit-Token", gallery.get("token"))
                .multiPart("meta", "meta.json", meta.toString().getBytes(), "application/json")
                .multiPart("frame", "frame-0", TestImages.png(1, 8, 8), "image/png")
                .post("/api/galleries/" + gallery.get("slug") + "/items"), 201);
    }

    private static Map<String, String> newGallery() {
        Response created = given().contentType("application/json").body("{\"name\":\"policy\"}").post("/api/galleries")
                .then().statusCode(201).extract().response();
        return Map.of("slug", created.path("slug"), "token", created.path("editToken"));
    }

    private static String body(Object prompt, Object seed) {
        ObjectNode body = JSON.createObjectNode();
        body.set("prompt", JSON.valueToTree(prompt));
        body.set("seed", JSON.valueToTree(seed));
        return body.toString();
    }

    /** "accepted", or the refusal's code and message, after checking it is the app's JSON error with a 400. */
    private static Map<String, String> answer(Response response, int success) {
        if (response.statusCode() == success) {
            return Map.of("code", ACCEPTED);
        }
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("application/json", response.contentType(), response.asString());
        assertEquals("error", response.path("type"));
        return Map.of("code", response.path("code"), "message", response.path("message"));
    }
}
