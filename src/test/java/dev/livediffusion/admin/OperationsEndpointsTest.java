package dev.livediffusion.admin;

import dev.livediffusion.live.LiveClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health and Prometheus metrics answer without a login, and the metrics carry the live channel's figures. */
@QuarkusTest
class OperationsEndpointsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void livenessAndReadinessAreUpWithTheModelLoaded() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'models' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'models' }.data.'image model'", equalTo("tiny-sd-turbo"))
                .body("checks.find { it.name == 'models' }.data.'video model'", equalTo("tiny-video"))
                .body("checks.find { it.name == 'models' }.data.'video placement'", containsString("unet: OnnxRuntime on cpu"))
                .body("checks.find { it.name == 'database writes' }.status", equalTo("UP"));
    }

    @Test
    void metricsShowFramesAndStageLatencyHistograms() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a metric triangle", 4L);
            client.nextOfType("frame", 30);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String stage : new String[] {"text", "denoise", "decode", "encode", "send"}) {
            given().get("/q/metrics").then().body(containsString("live_stage_seconds_bucket{stage=\"" + stage + "\""));
        }
        org.junit.jupiter.api.Assertions.assertTrue(metrics.matches("(?s).*live_frames_sent_total(\\{[^}]*})? [1-9].*"),
                "frames counted");
        given().get("/q/metrics").then().body(containsString("live_connections"));
    }

    @Test
    void refusedAndUnknownPathsNeverBecomeMetricLabels() throws Exception {
        String slug = "Zq9" + Long.toHexString(System.nanoTime()) + "secret";
        given().get("/g/" + slug + ";x").then().statusCode(400);
        given().get("/g/%2e%2e/" + slug).then().statusCode(400);
        given().contentType("application/json").body("x".repeat(20_000)).post("/no-such-route/" + slug)
                .then().statusCode(413);
        given().get("/g/" + slug).then().statusCode(404);
        given().get("/img/" + slug + "/1/0").then().statusCode(404);
        given().get("/nowhere/" + slug).then().statusCode(404);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains(slug), "a requested path became a label");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("uri=\"/refused\""), "refusals counted together");
    }
}
