package dev.livediffusion.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.InitImageInput;
import dev.livediffusion.infotext.InfotextReaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
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
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The A1111 API driven with the requests A1111 documents (fixtures in src/test/resources/a1111). */
@QuarkusTest
class A1111ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ImagePipeline pipeline;

    @Test
    void theWikisExampleGetsOnePngWithItsInfotext() throws Exception {
        String request = fixture("txt2img-wiki.json");
        Response response = post("/sdapi/v1/txt2img", request).then().statusCode(200).extract().response();
        List<String> images = response.path("images");
        assertEquals(1, images.size());
        byte[] png = Base64.getDecoder().decode(images.get(0));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "a picture");
        assertEquals(JSON.readTree(request), JSON.readTree(response.asString()).get("parameters"),
                "the request echoed");

        JsonNode info = JSON.readTree((String) response.path("info"));
        long seed = info.get("seed").asLong();
        assertTrue(seed >= 0 && seed < 1L << 32, "a random seed as A1111 draws them: " + seed);
        assertEquals("maltese puppy", info.get("prompt").asText());
        assertEquals(4, info.get("steps").asInt(), "the 5 asked for, capped at a Turbo model's 4");
        assertEquals("Euler a", info.get("sampler_name").asText());
        String parameters = InfotextReaders.pngText(png).get("parameters");
        assertEquals(info.get("infotexts").get(0).asText(), parameters);
        assertTrue(parameters.startsWith("maltese puppy\nSteps: 4, Sampler: Euler a, CFG scale: 1, Seed: " + seed
                + ", Size: "), parameters);
    }

    @Test
    void batchesAndIterationsAreSeedSeedPlusOneAndSoOn() throws Exception {
        Response response = post("/sdapi/v1/txt2img", fixture("txt2img-docs.json")).then().statusCode(200)
                .body("images", hasSize(4)).extract().response();
        JsonNode info = JSON.readTree((String) response.path("info"));
        assertEquals("[7,8,9,10]", info.get("all_seeds").toString());
        assertEquals(7, info.get("seed").asInt());
        assertEquals(2, info.get("batch_size").asInt());
        List<String> images = response.path("images");
        for (int i = 0; i < 4; i++) {
            String parameters = InfotextReaders.pngText(Base64.getDecoder().decode(images.get(i))).get("parameters");
            assertTrue(parameters.contains("Seed: " + (7 + i) + ","), parameters);
        }
        assertFalse(images.get(0).equals(images.get(1)), "another seed, another picture");
    }

    /** The decoder's own pixels, not the live loop's JPEG decoded again: lossless, as A1111 clients expect. */
    @Test
    void thePicturesAreTheModelsOwnPixels() throws Exception {
        String png = post("/sdapi/v1/txt2img", "{\"prompt\":\"a star\",\"seed\":4}").then().statusCode(200)
                .extract().path("images[0]");
        BufferedImage model = pipeline.generate(new ImageRequest("a star", 4, null,
                ImageParameters.defaults(pipeline.info()))).pixels();
        assertArrayEquals(pixels(model), pixels(Base64.getDecoder().decode(png)));
        byte[] jpeg = given().contentType("application/json").body("{\"prompt\":\"a star\",\"seed\":4}")
                .post("/api/images").then().statusCode(200).extract().asByteArray();
        assertFalse(Arrays.equals(pixels(jpeg), pixels(model)), "the REST twin's JPEG is lossy; the PNG is not");
    }

    @Test
    void stepsAndSizeAreHonouredWhereTheModelDrawsThem() throws Exception {
        Response response = post("/sdapi/v1/txt2img", "{\"prompt\":\"a star\",\"seed\":4,\"steps\":2,\"width\":64,"
                + "\"height\":128}").then().statusCode(200).extract().response();
        byte[] png = Base64.getDecoder().decode((String) response.path("images[0]"));
        BufferedImage model = pipeline.generate(new ImageRequest("a star", 4, null, new ImageParameters(2, 64, 128)))
                .pixels();
        assertArrayEquals(pixels(model), pixels(png));
        JsonNode info = JSON.readTree((String) response.path("info"));
        assertEquals(2, info.get("steps").asInt());
        assertEquals(64, info.get("width").asInt());
        assertEquals("{}", info.get("extra_generation_params").toString(), "drawn at that size, not scaled");
        assertTrue(InfotextReaders.pngText(png).get("parameters").contains("Steps: 2,"));
    }

    /** A size the model cannot draw (not a multiple of 8) is drawn at its own and scaled; info and the PNG say so. */
    @Test
    void otherSizesAreDrawnAtTheModelsSizeAndScaled() throws Exception {
        Response response = post("/sdapi/v1/txt2img", "{\"prompt\":\"a star\",\"seed\":4,\"width\":300,"
                + "\"height\":200}").then().statusCode(200).extract().response();
        byte[] png = Base64.getDecoder().decode((String) response.path("images[0]"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
        String own = pipeline.info().width() + "x" + pipeline.info().height();
        JsonNode info = JSON.readTree((String) response.path("info"));
        assertEquals(300, info.get("width").asInt());
        assertEquals(own, info.get("extra_generation_params").get("Drawn at").asText());
        String parameters = InfotextReaders.pngText(png).get("parameters");
        assertTrue(parameters.contains("Size: 300x200, ") && parameters.endsWith(", Drawn at: " + own), parameters);
        assertEquals(info.get("infotexts").get(0).asText(), parameters);
    }

    @Test
    void sendImagesFalseAnswersInfoAlone() {
        post("/sdapi/v1/txt2img", "{\"prompt\":\"x\",\"send_images\":false}").then().statusCode(200)
                .body("images", hasSize(0));
    }

    @Test
    void whatThisServerCannotDoIsRefusedInA1111sErrorShape() {
        refused("{\"prompt\":\"x\",\"width\":4096,\"height\":512}", 422);
        refused("{\"prompt\":\"x\",\"width\":512.5}", 422);
        refused("{\"prompt\":\"x\",\"steps\":0}", 422);
        refused("{\"prompt\":\"x\",\"enable_hr\":true}", 422);
        refused("{\"prompt\":\"x\",\"subseed_strength\":0.5}", 422);
        refused("{\"prompt\":\"x\",\"batch_size\":4,\"n_iter\":5}", 422);
        refused("{\"prompt\":\"x\",\"seed\":-2}", 422);
        refused("{\"prompt\":\"" + "b".repeat(401) + "\"}", 422);
        refused("[1]", 422);
        post("/sdapi/v1/txt2img", "{\"prompt\":\"x\",\"script_name\":\"x/y/z plot\"}").then().statusCode(422)
                .body("detail", equalTo("Script not found"));
        post("/sdapi/v1/txt2img", "{\"prompt\":\"x\",\"alwayson_scripts\":{\"controlnet\":{}}}").then().statusCode(422)
                .body("detail", equalTo("always on script controlnet not found"));
        post("/sdapi/v1/img2img", "{\"init_images\":[\"not base64!\"],\"prompt\":\"x\"}").then().statusCode(422)
                .body("error", equalTo("HTTPException"))
                .body("detail", equalTo("\"init_images\" must hold one base64 PNG or JPEG"));
        post("/sdapi/v1/img2img", "{\"init_images\":[],\"prompt\":\"x\"}").then().statusCode(422);
    }

    /** img2img starts from its init image at its strength, as the REST twin's image-to-image does. */
    @Test
    void img2imgStartsFromItsInitImage() throws Exception {
        byte[] initPng = Files.readAllBytes(Path.of("src/test/resources/models/reference/init-64x64.png"));
        String init = Base64.getEncoder().encodeToString(initPng);
        String png = post("/sdapi/v1/img2img", "{\"prompt\":\"a cat\",\"seed\":3,\"denoising_strength\":0.25,"
                + "\"init_images\":[\"data:image/png;base64," + init + "\"]}").then().statusCode(200)
                .extract().path("images[0]");
        BufferedImage model = pipeline.generate(new ImageRequest("a cat", 3, InitImageInput.read(initPng,
                DoubleNode.valueOf(0.25), pipeline.info()), ImageParameters.defaults(pipeline.info()))).pixels();
        assertArrayEquals(pixels(model), pixels(Base64.getDecoder().decode(png)));
        String text = post("/sdapi/v1/txt2img", "{\"prompt\":\"a cat\",\"seed\":3}").then().statusCode(200)
                .extract().path("images[0]");
        assertFalse(Arrays.equals(pixels(Base64.getDecoder().decode(text)), pixels(Base64.getDecoder().decode(png))),
                "the init image changes the picture");
    }

    @Test
    void modelsAndOptionsAnswerAsA1111sSchemasSay() {
        Response models = given().get("/sdapi/v1/sd-models").then().statusCode(200).body("$", hasSize(1))
                .extract().response();
        Map<String, Object> model = models.path("[0]");
        assertEquals(List.of("title", "model_name", "hash", "sha256", "filename", "config"),
                List.copyOf(model.keySet()));
        given().get("/sdapi/v1/options").then().statusCode(200)
                .body("sd_model_checkpoint", equalTo(model.get("title"))).body("samples_format", equalTo("png"));
    }

    @Test
    void pngInfoReadsA1111sDocumentedInfotextBack() throws Exception {
        String infotext = fixture("infotext.txt");
        String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(pngWithText(infotext));
        Response response = post("/sdapi/v1/png-info", JSON.writeValueAsString(Map.of("image", image)))
                .then().statusCode(200).extract().response();
        assertEquals(infotext, response.path("info"));
        assertEquals(JSON.readTree(fixture("infotext-parsed.json")),
                JSON.readTree(response.asString()).get("parameters"));
        assertEquals("kept", response.path("items.other"));
    }

    @Test
    void pngInfoTakesAnImageButNotAnyBody() throws Exception {
        byte[] noise = new byte[200_000];
        new Random(1).nextBytes(noise);
        String big = Base64.getEncoder().encodeToString(pngWithText("x\nSteps: 1, Seed: 2, Size: 1x1"));
        post("/sdapi/v1/png-info", "{\"image\":\"" + big + "\",\"pad\":\"" + Base64.getEncoder().encodeToString(noise)
                + "\"}").then().statusCode(200).body("parameters.Seed", equalTo("2"));
        post("/sdapi/v1/png-info", "{\"image\":\"" + "A".repeat(8 * 1024 * 1024) + "\"}").then().statusCode(413);
        post("/sdapi/v1/txt2img", "{\"prompt\":\"" + "A".repeat(20_000) + "\"}").then().statusCode(413);
        post("/sdapi/v1/png-info", "{\"image\":\"/9j/4AAQ\"}").then().statusCode(422)
                .body("detail", equalTo("png-info reads PNG images only"));
    }

    @Test
    void pngInfoReadsALongQuotedValueAndALongLineWithoutPairs() throws Exception {
        String value = "a, b: \\\"c\\\" ".repeat(2_000);
        String quoted = "x\nSteps: 1, Note: \"" + value + "\", Seed: 5";
        post("/sdapi/v1/png-info", JSON.writeValueAsString(Map.of("image", base64Png(quoted)))).then().statusCode(200)
                .body("parameters.Note", equalTo(value.replace("\\\"", "\""))).body("parameters.Seed", equalTo("5"));
        String keys = "Steps " + "a b-c/".repeat(11_000);
        post("/sdapi/v1/png-info", JSON.writeValueAsString(Map.of("image", base64Png("x\n" + keys)))).then()
                .statusCode(200).body("parameters.Prompt", equalTo("x\n" + keys));
    }

    private static String base64Png(String parameters) throws IOException {
        return Base64.getEncoder().encodeToString(pngWithText(parameters));
    }

    private static void refused(String body, int status) {
        Response response = post("/sdapi/v1/txt2img", body).then().statusCode(status)
                .body("error", equalTo("HTTPException")).body("body", equalTo("")).extract().response();
        assertEquals(status + ": " + response.path("detail"), response.path("errors"));
    }

    private static Response post(String path, String body) {
        return given().contentType("application/json").body(body).post(path);
    }

    /** A PNG as PIL writes A1111's: a tEXt "parameters" chunk, and one other entry. */
    private static byte[] pngWithText(String parameters) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(image);
        IIOMetadata metadata = writer.getDefaultImageMetadata(type, null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(entry("parameters", parameters));
        text.appendChild(entry("other", "kept"));
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static IIOMetadataNode entry(String keyword, String value) {
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        return entry;
    }

    private static int[] pixels(byte[] encoded) throws IOException {
        return pixels(ImageIO.read(new ByteArrayInputStream(encoded)));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = A1111ApiTest.class.getResourceAsStream("/a1111/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
