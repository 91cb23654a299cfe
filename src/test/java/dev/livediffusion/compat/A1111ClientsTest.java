package dev.livediffusion.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A1111 API driven with the call sequences real clients make, read from their source (requests in
 * src/test/resources/clients, README there). A1111's answers are those of its {@code modules/api/api.py} and
 * {@code modules/api/models.py}.
 */
@QuarkusTest
class A1111ClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * mix1009/sdwebuiapi {@code webuiapi/webuiapi.py}: {@code WebUIApi()} asks for the scripts, then the util_*
     * helpers: {@code util_get_model_names} (sd-models' titles), {@code util_set_model} (POST options),
     * {@code util_get_current_model} (options), {@code util_wait_for_ready} (progress until 0 and no job), and
     * the list getters; then {@code txt2img} with its defaults.
     */
    @Test
    void webuiapisHelpersAndTxt2img() throws Exception {
        a1111().get("/sdapi/v1/scripts").then().statusCode(200).body("txt2img", hasSize(0))
                .body("img2img", hasSize(0));
        List<String> titles = a1111().get("/sdapi/v1/sd-models").then().statusCode(200).extract().path("title");
        String model = titles.get(0);
        a1111().contentType("application/json").body(JSON.writeValueAsString(Map.of(
                "sd_model_checkpoint", model))).post("/sdapi/v1/options").then().statusCode(200)
                .body(equalTo("null"));
        a1111().get("/sdapi/v1/options").then().statusCode(200).body("sd_model_checkpoint", equalTo(model));
        a1111().get("/sdapi/v1/progress").then().statusCode(200).body("progress", equalTo(0f))
                .body("state.job_count", equalTo(0)).body("eta_relative", equalTo(0f));
        a1111().get("/sdapi/v1/samplers").then().statusCode(200).body("name", equalTo(List.of("Euler a")));
        a1111().get("/sdapi/v1/schedulers").then().statusCode(200).body("name", equalTo(List.of("automatic")));
        for (String list : List.of("upscalers", "latent-upscale-modes", "sd-vae", "sd-modules", "loras")) {
            a1111().get("/sdapi/v1/" + list).then().statusCode(200).body("$", hasSize(0));
        }
        for (String call : List.of("refresh-checkpoints", "refresh-loras", "interrupt", "skip")) {
            a1111().post("/sdapi/v1/" + call).then().statusCode(200).body(equalTo("null"));
        }

        Response response = txt2img(fixture("webuiapi-txt2img.json"));
        JsonNode info = JSON.readTree((String) response.path("info"));
        assertEquals("cute squirrel", info.get("prompt").asText());
        assertEquals(512, picture(response).getWidth());
    }

    /**
     * SillyTavern {@code src/endpoints/stable-diffusion.js}: ping (options), upscalers with latent modes, VAEs (A1111's
     * or Forge's list), samplers, schedulers, models, the current model, set-model (POST options, then progress until
     * idle), and generate (options, then txt2img with the body its extension built), all with the connection's
     * Basic credentials, which an A1111 without {@code --api-auth} ignores.
     */
    @Test
    void sillyTavernsSequenceWithItsCredentials() throws Exception {
        for (String path : List.of("options", "upscalers", "latent-upscale-modes", "sd-vae", "sd-modules", "samplers",
                "schedulers", "sd-models", "options")) {
            a1111().auth().preemptive().basic("user", "pass").get("/sdapi/v1/" + path).then().statusCode(200);
        }
        String model = a1111().get("/sdapi/v1/options").then().extract().path("sd_model_checkpoint");
        a1111().auth().preemptive().basic("user", "pass").contentType("application/json")
                .body("{\"sd_model_checkpoint\":\"" + model + "\"}").post("/sdapi/v1/options").then().statusCode(200);
        a1111().auth().preemptive().basic("user", "pass").get("/sdapi/v1/progress").then().statusCode(200)
                .body("state.job_count", equalTo(0));
        Response response = a1111().auth().preemptive().basic("user", "pass").contentType("application/json")
                .body(fixture("sillytavern-txt2img.json")).post("/sdapi/v1/txt2img").then().statusCode(200)
                .body("images", hasSize(1)).extract().response();
        assertEquals(512, picture(response).getWidth());
    }

    /**
     * LibreChat {@code api/app/clients/tools/structured/StableDiffusion.js} asks for 1024x1024 and reads
     * {@code images[0]} and {@code info}'s width, height, seed and infotexts.
     */
    @Test
    void libreChatsStableDiffusionToolGetsItsSize() throws Exception {
        Response response = txt2img(fixture("librechat-txt2img.json"));
        BufferedImage image = picture(response);
        assertEquals(1024, image.getWidth());
        assertEquals(1024, image.getHeight());
        JsonNode info = JSON.readTree((String) response.path("info"));
        assertEquals(1024, info.get("width").asInt());
        assertEquals(1024, info.get("height").asInt());
        assertTrue(info.get("seed").isIntegralNumber());
        assertTrue(info.get("infotexts").get(0).asText().contains("Size: 1024x1024"));
    }

    /**
     * webuiapi's {@code img2img(images=[init], mask_image=mask)} with its defaults (mask_blur 4, inpainting_fill 0,
     * inpaint_full_res true, the mask as a data URL): the kept half is the init picture's pixels, the masked half
     * redrawn.
     */
    @Test
    void webuiapisInpaintingKeepsWhatTheMaskKeeps() throws Exception {
        byte[] initPng = Files.readAllBytes(Path.of("src/test/resources/models/reference/init-64x64.png"));
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(32, 0, 32, 64);
        g.dispose();
        ByteArrayOutputStream maskPng = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", maskPng);
        ObjectNode body = (ObjectNode) JSON.readTree(fixture("webuiapi-img2img.json"));
        body.putArray("init_images").add("data:image/png;base64," + Base64.getEncoder().encodeToString(initPng));
        body.put("mask", "data:image/png;base64," + Base64.getEncoder().encodeToString(maskPng.toByteArray()));
        BufferedImage out = picture(a1111().contentType("application/json").body(JSON.writeValueAsString(body))
                .post("/sdapi/v1/img2img").then().statusCode(200).body("images", hasSize(1)).extract().response());
        BufferedImage init = ImageIO.read(new ByteArrayInputStream(initPng));
        // the blur (sigma 4) reaches 12 pixels: columns 0-19 are kept exactly, 44-63 redrawn whole
        assertArrayEquals(init.getRGB(0, 0, 20, 64, null, 0, 20), out.getRGB(0, 0, 20, 64, null, 0, 20));
        assertFalse(Arrays.equals(init.getRGB(44, 0, 20, 64, null, 0, 20), out.getRGB(44, 0, 20, 64, null, 0, 20)));

        body.put("mask", "not base64!");
        a1111().contentType("application/json").body(JSON.writeValueAsString(body)).post("/sdapi/v1/img2img").then()
                .statusCode(422).body("detail", equalTo("\"mask\" must be a base64 PNG or JPEG"));
        body.put("mask_blur", 65);
        a1111().contentType("application/json").body(JSON.writeValueAsString(body)).post("/sdapi/v1/img2img").then()
                .statusCode(422);
    }

    /**
     * Open WebUI {@code backend/open_webui/routers/images.py} ({@code set_image_model}, engine "automatic1111"): it
     * reads the options and, to pick a model, posts them back whole with {@code sd_model_checkpoint} changed.
     */
    @Test
    void openWebUisModelPickerPostsTheOptionsBack() {
        Map<String, Object> options = a1111().get("/sdapi/v1/options").then().statusCode(200).extract().path("$");
        a1111().contentType("application/json").body(options).post("/sdapi/v1/options").then().statusCode(200);
    }

    @Test
    void anotherCheckpointIsRefusedInA1111sErrorShape() {
        a1111().contentType("application/json").body("{\"sd_model_checkpoint\":\"sd_xl_base_1.0.safetensors\"}")
                .post("/sdapi/v1/options").then().statusCode(404).body("error", equalTo("HTTPException"))
                .body("detail", equalTo("model not found; this server has '" + model() + "'"));
        a1111().contentType("application/json").body("{\"sd_model_checkpoint\":7}").post("/sdapi/v1/options").then()
                .statusCode(422);
        a1111().contentType("application/json").body("{\"CLIP_stop_at_last_layers\":2,\"samples_format\":\"jpg\"}")
                .post("/sdapi/v1/options").then().statusCode(200);
    }

    /** progress reports the job in flight; interrupt ends it after the picture being made, answering those made. */
    @Test
    void progressFollowsAJobAndInterruptEndsIt() throws Exception {
        CompletableFuture<Response> job = CompletableFuture.supplyAsync(() -> a1111().contentType("application/json")
                .body("{\"prompt\":\"a long job\",\"n_iter\":16,\"seed\":1}").post("/sdapi/v1/txt2img"));
        int jobCount = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jobCount == 0 && !job.isDone() && System.nanoTime() < deadline) {
            jobCount = a1111().get("/sdapi/v1/progress").then().statusCode(200).extract().path("state.job_count");
        }
        assertEquals(16, jobCount, "the job's pictures, seen while it ran");
        a1111().post("/sdapi/v1/interrupt").then().statusCode(200);
        Response response = job.get(120, TimeUnit.SECONDS);
        List<String> images = response.then().statusCode(200).extract().path("images");
        assertTrue(images.size() >= 1 && images.size() < 16, images.size() + " pictures");
        a1111().get("/sdapi/v1/progress").then().body("state.job_count", equalTo(0)).body("progress", equalTo(0f));
    }

    private static String model() {
        return a1111().get("/sdapi/v1/options").then().extract().path("sd_model_checkpoint");
    }

    private static RequestSpecification a1111() {
        return given();
    }

    private static Response txt2img(String body) {
        return a1111().contentType("application/json").body(body).post("/sdapi/v1/txt2img").then().statusCode(200)
                .body("images", hasSize(1)).extract().response();
    }

    private static BufferedImage picture(Response response) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) response.path("images[0]"))));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = A1111ClientsTest.class.getResourceAsStream("/clients/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
