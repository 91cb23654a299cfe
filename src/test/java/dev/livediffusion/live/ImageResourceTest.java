package dev.livediffusion.live;

import dev.livediffusion.decoding.JpegBombs;
import dev.livediffusion.generation.FailingEngine;
import dev.livediffusion.generation.InitImages;
import dev.livediffusion.generation.OneShotGenerator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ImageResourceTest {

    static final Path INIT_PNG = Path.of("src/test/resources/models/reference/init-64x64.png");

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
    void stepsAndSizeAreHonouredAndWhatTheModelCannotTakeIsRefused() throws Exception {
        Response sized = given().contentType("application/json")
                .body("{\"prompt\":\"a red circle\",\"seed\":9,\"steps\":2,\"width\":64,\"height\":128}")
                .post("/api/images").then().statusCode(200).header("X-Steps", "2").header("X-Width", "64")
                .header("X-Height", "128").extract().response();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(sized.asByteArray()));
        assertEquals(64, image.getWidth());
        assertEquals(128, image.getHeight());
        given().contentType("application/json").body("{\"prompt\":\"a\",\"steps\":0}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_steps"));
        given().contentType("application/json").body("{\"prompt\":\"a\",\"width\":65}").post("/api/images")
                .then().statusCode(400).body("code", equalTo("bad_size"));
        given().contentType("application/json").body("{\"prompt\":\"a\",\"negative_prompt\":\"blur\"}")
                .post("/api/images").then().statusCode(400).body("code", equalTo("guidance_unavailable"))
                .body("message", containsString("without guidance"));
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
    void startsFromAnInitImageAtTheGivenStrength() throws Exception {
        String init = Base64.getEncoder().encodeToString(Files.readAllBytes(INIT_PNG));
        byte[] text = imageBytes("{\"prompt\":\"a cat\",\"seed\":3}");
        byte[] half = imageBytes("{\"prompt\":\"a cat\",\"seed\":3,\"init_image\":\"" + init + "\"}");
        byte[] quarter = imageBytes("{\"prompt\":\"a cat\",\"seed\":3,\"init_image\":\"" + init + "\",\"strength\":0.25}");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(half)));
        assertFalse(Arrays.equals(text, half), "the init image changes the picture");
        assertFalse(Arrays.equals(half, quarter), "so does the strength (default 0.5)");
        assertArrayEquals(half, imageBytes("{\"prompt\":\"a cat\",\"seed\":3,\"strength\":0.5,\"init_image\":\"" + init + "\"}"));
    }

    @Test
    void badInitImagesAreRefusedBeforeTheEngine() throws Exception {
        String init = Base64.getEncoder().encodeToString(Files.readAllBytes(INIT_PNG));
        refused("{\"prompt\":\"x\",\"init_image\":\"not base64!\"}", 400, "bad_init_image");
        refused("{\"prompt\":\"x\",\"init_image\":7}", 400, "bad_init_image");
        refused("{\"prompt\":\"x\",\"init_image\":\"" + b64("GIF89a........".getBytes()) + "\"}", 400, "bad_init_image");
        refused("{\"prompt\":\"x\",\"init_image\":\"" + init + "\",\"strength\":1.5}", 400, "bad_strength");
        refused("{\"prompt\":\"x\",\"init_image\":\"" + init + "\",\"strength\":\"0.5\"}", 400, "bad_strength");
        byte[] tooLarge = Arrays.copyOf(Files.readAllBytes(INIT_PNG), InitImages.MAX_BYTES + 1);
        refused("{\"prompt\":\"x\",\"init_image\":\"" + b64(tooLarge) + "\"}", 400, "init_image_too_large");
        ByteArrayOutputStream wide = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(InitImages.MAX_SIDE + 1, 4, BufferedImage.TYPE_BYTE_GRAY), "png", wide);
        refused("{\"prompt\":\"x\",\"init_image\":\"" + b64(wide.toByteArray()) + "\"}", 400, "init_image_too_large");
        refused("{\"prompt\":\"x\",\"init_image\":\"" + "A".repeat(300_000) + "\"}", 413, "body_too_large");
        byte[] scanBomb = JpegBombs.withLastScanRepeated(JpegBombs.progressive(32, 32, BufferedImage.TYPE_BYTE_GRAY), 100);
        refused("{\"prompt\":\"x\",\"init_image\":\"" + b64(scanBomb) + "\"}", 400, "init_image_too_complex");
    }

    @Test
    void aModelWithoutVaeEncoderSaysSo() throws Exception {
        QuarkusMock.installMockForType(FailingEngine.generator("unused"), OneShotGenerator.class);
        String init = Base64.getEncoder().encodeToString(Files.readAllBytes(INIT_PNG));
        given().contentType("application/json").body("{\"prompt\":\"x\",\"init_image\":\"" + init + "\"}")
                .post("/api/images").then().statusCode(400).body("code", equalTo("img2img_unavailable"))
                .body("message", containsString("vae_encoder"));
    }

    private static byte[] imageBytes(String body) {
        return given().contentType("application/json").body(body).post("/api/images").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
    }

    private static void refused(String body, int status, String code) {
        given().contentType("application/json").body(body).post("/api/images").then().statusCode(status)
                .body("code", equalTo(code));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
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
