package dev.livediffusion.compat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.livediffusion.infotext.Infotext;
import dev.livediffusion.infotext.InfotextReaders;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/images/generations} driven by OpenAI's own Java client, pointed at the test app. */
@QuarkusTest
class OpenAiImagesTest {

    @TestHTTPResource("/v1")
    URI api;

    private OpenAIClient client;
    private String model;

    @BeforeEach
    void connect() {
        client = OpenAIOkHttpClient.builder().baseUrl(api.toString()).apiKey("not-checked").maxRetries(0).build();
        model = given().get("/sdapi/v1/sd-models").then().statusCode(200).extract().path("[0].model_name");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void generatesPngsThatCarryPromptAndSeed() throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder().prompt("a blue square")
                .model(model).n(2).size(ImageGenerateParams.Size._512X512)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON).build());
        assertTrue(Math.abs(response.created() - System.currentTimeMillis() / 1000) < 600, "created now");
        List<Image> data = response.data().orElseThrow();
        assertEquals(2, data.size());
        byte[] first = Base64.getDecoder().decode(data.get(0).b64Json().orElseThrow());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(first)));
        Map<String, String> parameters = Infotext.parse(InfotextReaders.pngText(first).get("parameters"));
        assertEquals("a blue square", parameters.get("Prompt"));
        assertEquals(model, parameters.get("Model"));
        String second = InfotextReaders.pngText(Base64.getDecoder().decode(data.get(1).b64Json().orElseThrow()))
                .get("parameters");
        assertNotEquals(parameters.get("Seed"), Infotext.parse(second).get("Seed"), "each picture its own seed");
    }

    @Test
    void theDefaultsAreOnePictureAsB64Json() {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder().prompt("a dot").build());
        assertEquals(1, response.data().orElseThrow().size());
        assertTrue(response.data().get().get(0).b64Json().isPresent());
    }

    @Test
    void whatItCannotDoIsRefusedInOpenAisErrorShape() {
        refused(BadRequestException.class, "size", "invalid_value",
                () -> client.images().generate(ImageGenerateParams.builder().prompt("x")
                        .size(ImageGenerateParams.Size.of("4096x4096")).build()));
        refused(BadRequestException.class, "output_format", "unsupported_value",
                () -> client.images().generate(ImageGenerateParams.builder().prompt("x")
                        .outputFormat(ImageGenerateParams.OutputFormat.WEBP).build()));
        refused(BadRequestException.class, "n", "invalid_value",
                () -> client.images().generate(ImageGenerateParams.builder().prompt("x").n(11).build()));
        refused(NotFoundException.class, "model", "model_not_found",
                () -> client.images().generate(ImageGenerateParams.builder().prompt("x").model("dall-e-4").build()));
        refused(BadRequestException.class, "prompt", "prompt_too_long",
                () -> client.images().generate(ImageGenerateParams.builder().prompt("b".repeat(401)).build()));
    }

    private static void refused(Class<? extends OpenAIServiceException> type, String param, String code,
                                Executable call) {
        OpenAIServiceException e = assertThrows(type, call);
        assertEquals("invalid_request_error", e.type().orElse(null));
        assertEquals(param, e.param().orElse(null));
        assertEquals(code, e.code().orElse(null));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }
}
