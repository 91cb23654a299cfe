package dev.livediffusion.live;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class ImageResourceTest {

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
    }

    @Test
    void sameRequestSameBytesAsTheLiveChannelWouldGive() {
        byte[] first = given().contentType("application/json").body("{\"prompt\":\"a star\",\"seed\":4}")
                .post("/api/images").then().statusCode(200).extract().asByteArray();
        byte[] second = given().contentType("application/json").body("{\"prompt\":\"a star\",\"seed\":4}")
                .post("/api/images").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(first, second);
    }

    @Test
    void badRequestsGetAClearError() {
        given().contentType("application/json").body("{oops").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_json"));
        given().contentType("application/json").body("{\"seed\":1}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_text"));
        given().contentType("application/json").body("{\"prompt\":\"x\",\"seed\":-4}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_seed"));
        given().contentType("application/json").body("{\"prompt\":\"" + "b".repeat(401) + "\"}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("prompt_too_long"));
    }
}
