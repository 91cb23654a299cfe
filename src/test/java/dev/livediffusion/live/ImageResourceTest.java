package dev.livediffusion.live;

import dev.livediffusion.generation.FailingEngine;
import dev.livediffusion.generation.OneShotGenerator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ImageResourceTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void returnsTheImageWithItsMetadataAsHeaders() throws Exception {
        Response response = given().contentType("application/json").body("{\"prompt\":\"a red circle\",\"seed\":9}")
                .post("/api/images").then().statusCode(200).contentType("image/jpeg")
                .header("X-Seed", "9").extract().response();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
        assertNotNull(image);
        assertEquals(Integer.parseInt(response.header("X-Width")), image.getWidth());
        assertEquals(Integer.parseInt(response.header("X-Height")), image.getHeight());
        assertNotNull(response.header("X-Model"));
        assertNotNull(response.header("X-Timings-Ms"));
        assertTrue(Integer.parseInt(response.header("X-Tokens")) >= 3, "start, words and end: " + response.header("X-Tokens"));
    }

    @Test
    void sameRequestSameBytesAsTheLiveChannelWouldGive() throws Exception {
        Response rest = given().contentType("application/json").body("{\"prompt\":\"a star\",\"seed\":4}")
                .post("/api/images").then().statusCode(200).extract().response();
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a star", 4L);
            LiveClient.Message frame = client.nextOfType("frame", 30);
            assertArrayEquals(frame.image(), rest.asByteArray(), "the socket's frame, byte for byte");
            for (String field : new String[] {"model", "seed", "width", "height", "tokens"}) {
                String header = "X-" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
                assertEquals(frame.json().path(field).asText(), rest.header(header), header + " as the frame header's " + field);
            }
        }
    }

    @Test
    void anEngineFailureGetsTheSocketsJsonError() {
        QuarkusMock.installMockForType(FailingEngine.generator("the device ran out of memory"), OneShotGenerator.class);
        given().contentType("application/json").body("{\"prompt\":\"a red circle\",\"seed\":9}").post("/api/images")
                .then().statusCode(500).contentType("application/json")
                .body("type", equalTo("error")).body("code", equalTo("generation_failed"))
                .body("message", containsString("the device ran out of memory"));
    }

    @Test
    void badRequestsGetAClearError() {
        given().contentType("application/json").body("{oops").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_json"));
        given().contentType("application/json").body("{\"seed\":1}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_text"));
        given().contentType("application/json").body("{\"prompt\":\"x\",\"seed\":-4}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_seed"));
        given().contentType("application/json").body("{\"prompt\":\"x\",\"seed\":9007199254740992}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_seed"));
        given().contentType("application/json").body("{\"prompt\":\"" + "b".repeat(401) + "\"}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("prompt_too_long"));
    }
}
