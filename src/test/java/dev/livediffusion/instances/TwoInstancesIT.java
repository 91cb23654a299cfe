package dev.livediffusion.instances;

import dev.livediffusion.admin.AdminSession;
import dev.livediffusion.blocklist.PromptBlocklist;
import dev.livediffusion.gallery.TestImages;
import dev.livediffusion.live.LiveClient;
import dev.livediffusion.testing.PackagedApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database, as behind a load balancer: this test's app ("first", with the embedded server, on TCP
 * for the other) and the packaged app in its own process ("second", pointed at that server by QUARKUS_DATASOURCE_*
 * properties). Runs after {@code package}: {@code ./mvnw verify -Dsurefire.skip=true -Dit.test=TwoInstancesIT}.
 */
@QuarkusTest
@TestProfile(TwoInstancesIT.SharedDatabase.class)
class TwoInstancesIT {

    static final Path DATA = Path.of("target/two-instances-postgres");
    private static PackagedApp second;

    public static class SharedDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.database.data-dir", DATA.toString(), "app.database.tcp-port", String.valueOf(freePort()),
                    "app.instance.name", "first");
        }
    }

    @TestHTTPResource("/")
    URI first;
    @ConfigProperty(name = "app.database.tcp-port")
    int databasePort;
    @ConfigProperty(name = "app.admin.password-hash")
    String passwordHash;
    @Inject
    PromptBlocklist blocklist;

    @BeforeEach
    void startSecond() throws Exception {
        if (second == null) {
            Properties passwords = new Properties();
            passwords.load(new StringReader(Files.readString(DATA.resolve("passwords.properties"))));
            second = PackagedApp.start(Map.ofEntries(
                    Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + databasePort + "/livediffusion"),
                    Map.entry("quarkus.datasource.username", "livediffusion"),
                    Map.entry("quarkus.datasource.password", passwords.getProperty("livediffusion")),
                    Map.entry("app.instance.name", "second"),
                    Map.entry("app.admin.password-hash", passwordHash),
                    Map.entry("app.model.path", "src/test/resources/models/tiny-sd-turbo"),
                    Map.entry("app.model.threads", "1"),
                    Map.entry("app.video.path", "src/test/resources/models/tiny-video"),
                    Map.entry("app.video.width", "64"),
                    Map.entry("app.video.height", "64")));
        }
    }

    @AfterEach
    void clear() {
        blocklist.rules().forEach(rule -> blocklist.remove(rule.kind(), rule.value()));
        AdminSession.logIn().form().post("/admin/settings/reset").then().statusCode(303);
    }

    @AfterAll
    static void stopSecond() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void theDashboardOfOneListsBoth() throws Exception {
        AdminSession admin = AdminSession.logIn();
        String load = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(200)) {
            load = admin.withoutToken().get("/admin/dashboard/load").then().statusCode(200).extract().asString();
            if (load.contains("data-instance=\"second\"")) {
                break;
            }
        }
        assertTrue(load.contains("data-instance=\"first\"") && load.contains("data-instance=\"second\""), load);
        assertTrue(load.contains("tiny-sd-turbo"), load);
    }

    @Test
    void aWordBlockedOnOneIsRefusedOnTheOthersLiveWithinASecond() throws Exception {
        try (LiveClient client = LiveClient.connect(second.base)) {
            client.nextOfType("hello", 30);
            AdminSession.logIn().form().formParam("kind", "word").formParam("value", "zebracorn").post("/admin/blocklist")
                    .then().statusCode(303);
            long added = System.nanoTime();
            String answer = "";
            for (int seq = 1; System.nanoTime() - added < 1_000_000_000L; seq++) {
                client.sendPrompt(seq, "a zebracorn in a meadow", 1L);
                LiveClient.Message reply = client.next(10);
                while (!reply.type().equals("error") && !reply.type().equals("frame")) {
                    reply = client.next(10);
                }
                answer = reply.type().equals("error") ? reply.json().path("code").asText() : "frame";
                if (answer.equals("blocked_prompt")) {
                    break;
                }
            }
            assertEquals("blocked_prompt", answer, "refused on the other instance within 1 s of being added");
        }
    }

    @Test
    void aSettingChangedOnOneShowsInTheOthersHello() throws Exception {
        AdminSession.logIn().form().formParam("messagesPerSecond", "30").formParam("maxConnections", "64")
                .formParam("maxPromptChars", "123").formParam("seedMode", "fixed").formParam("defaultSeed", "4242")
                .formParam("maxBatch", "1").formParam("maxClips", "2").post("/admin/settings").then().statusCode(303);
        Thread.sleep(1000);
        try (LiveClient client = LiveClient.connect(second.base)) {
            var hello = client.nextOfType("hello", 30).json();
            assertEquals(123, hello.path("limits").path("maxPromptChars").asInt(), hello.toString());
            assertEquals(4242, hello.path("defaultSeed").asLong(), hello.toString());
        }
    }

    @Test
    void aLoginOnOneIsValidOnTheOtherAndLoggingOutThereEndsItOnBoth() {
        AdminSession admin = AdminSession.logIn();
        onSecond(admin).get("/admin").then().statusCode(200).body(containsString(admin.csrfToken));

        onSecond(admin).formParam("csrf-token", admin.csrfToken).post("/admin/logout").then().statusCode(303);
        admin.withoutToken().get("/admin").then().statusCode(302)
                .header("Location", containsString("/admin/login"));
    }

    @Test
    void aGallerySavedThroughOneOpensThroughTheOther() {
        Response created = given().baseUri(second.base.toString()).contentType("application/json")
                .body("{\"name\":\"Shared\"}").post("/api/galleries").then().statusCode(201).extract().response();
        String slug = created.path("slug");
        byte[] png = TestImages.png(3, 32, 32);
        String meta = "{\"kind\":\"frame\",\"seed\":5,\"model\":\"tiny-sd-turbo\",\"prompts\":[\"a shared fox\"]}";
        String imageUrl = given().baseUri(second.base.toString()).header("X-Edit-Token", (String) created.path("editToken"))
                .multiPart("meta", "meta.json", meta.getBytes(), "application/json")
                .multiPart("frame", "frame-0", png, "image/png")
                .post("/api/galleries/" + slug + "/items").then().statusCode(201).extract().path("imageUrl");

        given().get("/api/galleries/" + slug).then().statusCode(200).body(containsString("a shared fox"));
        assertArrayEquals(png, given().get(imageUrl).then().statusCode(200).extract().asByteArray());
        given().get("/g/" + slug).then().statusCode(200).body(containsString("Shared"));
    }

    /** The login cookie made by the first instance, sent to the second. */
    private static RequestSpecification onSecond(AdminSession admin) {
        return given().baseUri(second.base.toString()).redirects().follow(false).cookie("admin-session", admin.sessionCookie);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
