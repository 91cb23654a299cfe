package dev.livediffusion.admin;

import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.live.LiveClient;
import dev.livediffusion.live.LiveConfig;
import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.live.SeedMode;
import dev.livediffusion.prompt.PromptConfig;
import dev.livediffusion.prompt.PromptPolicy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard, the runtime settings and the live sessions list, used as an administrator. */
@QuarkusTest
class AdminPagesTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveSettings settings;
    @Inject
    LiveConfig config;
    @Inject
    ImagePipeline pipeline;
    @Inject
    PromptPolicy policy;
    @Inject
    PromptConfig promptConfig;

    /** Saved settings are kept in the database, across restarts too: back to the configured ones, checked. */
    @AfterEach
    void restore() {
        AdminSession.logIn().form().post("/admin/settings/reset").then().statusCode(303);
        assertEquals(config.maxConnections(), settings.maxConnections());
        assertEquals(config.messagesPerSecond(), settings.messagesPerSecond());
        assertEquals(promptConfig.maxChars(), policy.maxChars());
        assertEquals(config.defaultSeed(), settings.defaultSeed());
        assertEquals(config.seedMode(), settings.seedMode());
        assertEquals(LiveSettings.maxBatchFor(config, pipeline.info().engine()), settings.maxBatch());
        assertEquals(config.maxVideos(), settings.maxVideos());
    }

    @Test
    void dashboardShowsTheModelAndLiveLoad() throws Exception {
        AdminSession admin = AdminSession.logIn();
        admin.withoutToken().get("/admin").then().statusCode(200)
                .body(containsString("tiny-sd-turbo"), containsString("OnnxRuntime on cpu"), containsString("fp32"),
                        containsString("<code>text_encoder</code>"), containsString("tiny-video"),
                        containsString("image <code>onnxruntime</code>, video <code>onnxruntime</code>"),
                        containsString("hx-get=\"/admin/dashboard/load\""));
        settings.setMaxBatch(3);   // the tiny model's graphs take any batch: the setting is what limits it
        admin.withoutToken().get("/admin").then().body(containsString("up to 3 image prompts per engine call"));
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a dashboard circle", 2L);
            client.nextOfType("frame", 30);
            String load = admin.withoutToken().get("/admin/dashboard/load").then().statusCode(200).extract().asString();
            assertTrue(load.contains("data-stage=\"denoise\"") && load.contains("data-stage=\"send\""), load);
            assertTrue(load.contains("Java heap"), load);
            assertTrue(load.matches("(?s).*Process resident memory: [1-9]\\d* MiB.*"), "resident memory, native included: " + load);
            assertTrue(load.contains("<span class=\"ok\">reachable</span> · PostgreSQL"), "database status: " + load);
            Matcher connections = Pattern.compile("id=\"connections\">(\\d+) /").matcher(load);
            assertTrue(connections.find() && Integer.parseInt(connections.group(1)) >= 1, "one connection at least");
        }
    }

    @Test
    void settingsChangeAtRunTimeAndBadInputChangesNothing() throws Exception {
        AdminSession admin = AdminSession.logIn();
        admin.form().formParam("messagesPerSecond", "5").formParam("maxConnections", "0").formParam("maxPromptChars", "abc")
                .formParam("seedMode", "random").formParam("defaultSeed", "7").formParam("maxBatch", "2")
                .formParam("maxClips", "-1").post("/admin/settings")
                .then().statusCode(400).body(containsString("Nothing was changed"), containsString("a whole number from 1 to"));
        assertEquals(config.maxConnections(), settings.maxConnections());
        assertEquals(config.messagesPerSecond(), settings.messagesPerSecond());
        assertEquals(SeedMode.FIXED, settings.seedMode());
        assertEquals(LiveSettings.maxBatchFor(config, pipeline.info().engine()), settings.maxBatch());

        admin.form().formParam("messagesPerSecond", "5").formParam("maxConnections", "9").formParam("maxPromptChars", "12")
                .formParam("seedMode", "fixed").formParam("defaultSeed", "77").formParam("maxBatch", "2")
                .formParam("maxClips", "3").post("/admin/settings").then().statusCode(303);
        assertEquals(5, settings.messagesPerSecond());
        assertEquals(9, settings.maxConnections());
        assertEquals(2, settings.maxBatch());
        assertEquals(3, settings.maxVideos());
        try (LiveClient client = LiveClient.connect(base)) {
            var hello = client.nextOfType("hello", 10).json();
            assertEquals(12, hello.path("limits").path("maxPromptChars").asInt());
            assertEquals(77, hello.path("defaultSeed").asLong());
            client.sendPrompt(1, "thirteen char", null);
            assertEquals("prompt_too_long", client.nextOfType("error", 10).json().path("code").asText());
        }

        admin.form().formParam("messagesPerSecond", "5").formParam("maxConnections", "9").formParam("maxPromptChars", "400")
                .formParam("seedMode", "random").formParam("defaultSeed", "77").formParam("maxBatch", "2")
                .formParam("maxClips", "3").post("/admin/settings").then().statusCode(303);
        long first;
        long second;
        try (LiveClient a = LiveClient.connect(base); LiveClient b = LiveClient.connect(base)) {
            first = a.nextOfType("hello", 10).json().path("defaultSeed").asLong();
            second = b.nextOfType("hello", 10).json().path("defaultSeed").asLong();
        }
        assertNotEquals(first, second, "each connection draws its own seed");
    }

    @Test
    void theVideoLimitChangesAtRunTime() throws Exception {
        AdminSession admin = AdminSession.logIn();
        admin.form().formParam("messagesPerSecond", "30").formParam("maxConnections", "64").formParam("maxPromptChars", "400")
                .formParam("seedMode", "fixed").formParam("defaultSeed", "42").formParam("maxBatch", "4")
                .formParam("maxClips", "1").post("/admin/settings").then().statusCode(303);
        try (LiveClient first = LiveClient.connect(base); LiveClient second = LiveClient.connect(base)) {
            first.nextOfType("hello", 10);
            second.nextOfType("hello", 10);
            first.sendVideoPrompt(1, "a long clip", 5, 400);
            first.nextOfType("frame", 30);
            second.sendVideoPrompt(1, "another clip", 6, 10);
            assertEquals("too_many_clips", second.nextOfType("error", 10).json().path("code").asText());
            first.sendStop(2);
            assertEquals("stopped", first.nextOfType("clip_end", 30).json().path("reason").asText());
        }
    }

    @Test
    void anAdministratorDisconnectsALiveSession() throws Exception {
        AdminSession admin = AdminSession.logIn();
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "soon gone", 3L);
            client.nextOfType("frame", 30);
            String page = admin.withoutToken().get("/admin/sessions").then().statusCode(200).extract().asString();
            Matcher row = Pattern.compile("data-session=\"([^\"]+)\"").matcher(page);
            assertTrue(row.find(), page);
            String id = row.group(1);
            assertTrue(page.contains("127.0.0.1"), "the remote address is shown: " + page);

            admin.form().post("/admin/sessions/" + id + "/disconnect").then().statusCode(303);
            assertEquals("disconnected", client.nextOfType("error", 10).json().path("code").asText());
            for (int i = 0; i < 50 && client.isOpen(); i++) {
                Thread.sleep(100);
            }
            assertFalse(client.isOpen(), "the server closed the connection");
            assertFalse(admin.withoutToken().get("/admin/sessions").asString().contains(id));
            admin.form().post("/admin/sessions/" + id + "/disconnect").then().statusCode(404);
        }
    }
}
