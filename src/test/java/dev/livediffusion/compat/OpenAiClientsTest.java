package dev.livediffusion.compat;

import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.infotext.Infotext;
import dev.livediffusion.infotext.InfotextReaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/images/generations} with the requests real clients send, read from their source: OpenAI's model
 * names, sizes and options, answered by the served model.
 */
@QuarkusTest
class OpenAiClientsTest {

    @Inject
    ImagePipeline pipeline;

    /**
     * Open WebUI {@code backend/open_webui/routers/images.py} ({@code image_generations}, engine "openai"): model
     * "dall-e-2" when none is set, its IMAGE_SIZE default 512x512, b64_json.
     */
    @Test
    void openWebUisDefaultRequest() throws Exception {
        BufferedImage image = picture(generate("{\"model\":\"dall-e-2\",\"prompt\":\"a lighthouse at dusk\",\"n\":1,"
                + "\"size\":\"512x512\",\"response_format\":\"b64_json\"}"));
        assertEquals(512, image.getWidth());
    }

    /**
     * LibreChat {@code api/app/clients/tools/structured/DALLE3.js}: dall-e-3 at 1024x1024, quality "standard",
     * style "vivid", no response_format (OpenAI answers dall-e-3 with URLs), then downloads {@code data[0].url}.
     * With no public URL configured, the link is on localhost at this server's port; it serves the picture at the
     * size asked for.
     */
    @Test
    void libreChatsDalle3ToolGetsALinkItCanDownload() throws Exception {
        String url = generate("{\"model\":\"dall-e-3\",\"prompt\":\"a red fox in snow\",\"n\":1,"
                + "\"quality\":\"standard\",\"style\":\"vivid\",\"size\":\"1024x1024\"}").path("data[0].url");
        URI link = URI.create(url);
        assertEquals("localhost", link.getHost());
        byte[] downloaded = given().get(link.getPath()).then().statusCode(200).extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(downloaded));
        assertEquals(1024, image.getWidth(), "the size asked for");
        assertTrue(InfotextReaders.pngText(downloaded).get("parameters").contains("a red fox in snow"));
        given().header("Host", "evil.example").contentType("application/json")
                .body("{\"model\":\"dall-e-3\",\"prompt\":\"x\"}").post("/v1/images/generations").then()
                .statusCode(200).body("data[0].url", startsWith("http://localhost:"));
    }

    /**
     * LibreChat {@code api/app/clients/tools/structured/OpenAIImageTools.js} (image_gen_oai): gpt-image-1 with
     * background, output_format png, quality and size "auto"; it reads {@code data[0].b64_json}.
     */
    @Test
    void libreChatsImageGenOaiTool() throws Exception {
        Response response = generate("{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\",\"n\":1,"
                + "\"background\":\"auto\",\"output_format\":\"png\",\"quality\":\"auto\",\"size\":\"auto\"}");
        BufferedImage image = picture(response);
        assertEquals(pipeline.info().width(), image.getWidth(), "auto: the model's own size");
    }

    /** OpenAI's sizes the model does not draw come scaled from its own, and the PNG says so. */
    @Test
    void openAisWideSizeIsDrawnAtTheModelsSizeAndScaled() throws Exception {
        Response response = generate("{\"model\":\"gpt-image-1\",\"prompt\":\"a wide valley\",\"size\":\"1536x1024\","
                + "\"moderation\":\"low\",\"quality\":\"high\"}");
        byte[] png = Base64.getDecoder().decode((String) response.path("data[0].b64_json"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1536, image.getWidth());
        assertEquals(1024, image.getHeight());
        Map<String, String> parameters = Infotext.parse(InfotextReaders.pngText(png).get("parameters"));
        assertEquals("1536", parameters.get("Size-1"));
        assertTrue(parameters.containsKey("Drawn at-1"), parameters.toString());
    }

    @Test
    void otherModelsAndFormatsAreRefusedClearly() {
        given().contentType("application/json").body("{\"model\":\"flux-pro\",\"prompt\":\"x\"}")
                .post("/v1/images/generations").then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().contentType("application/json").body("{\"model\":\"gpt-image-1\",\"prompt\":\"x\","
                + "\"output_format\":\"webp\"}").post("/v1/images/generations").then().statusCode(400)
                .body("error.param", equalTo("output_format"));
        given().contentType("application/json").body("{\"prompt\":\"x\",\"size\":\"1024x99999\"}")
                .post("/v1/images/generations").then().statusCode(400).body("error.param", equalTo("size"));
    }

    private static Response generate(String body) {
        return given().contentType("application/json").body(body).post("/v1/images/generations").then()
                .statusCode(200).body("data", hasSize(1)).extract().response();
    }

    private static BufferedImage picture(Response response) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                (String) response.path("data[0].b64_json"))));
    }
}
