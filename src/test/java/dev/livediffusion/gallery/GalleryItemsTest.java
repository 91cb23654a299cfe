package dev.livediffusion.gallery;

import dev.livediffusion.decoding.JpegBombs;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class GalleryItemsTest {

    @Inject
    ImagePipeline pipeline;
    @Inject
    GalleryConfig config;

    @Test
    void generatedItemIsThePipelinesPictureForThatPromptAndSeed() {
        GalleryClient.Created gallery = GalleryClient.create("generated");
        Response saved = given().header(EditTokens.HEADER, gallery.editToken()).contentType("application/json")
                .body("{\"prompt\":\"a lighthouse at dusk\",\"seed\":1234}")
                .post("/api/galleries/" + gallery.slug() + "/items").then().statusCode(201).extract().response();
        GeneratedImage expected = pipeline.generate(new ImageRequest("a lighthouse at dusk", 1234));
        assertEquals("a lighthouse at dusk", saved.path("prompt"));
        assertEquals(1234, (int) saved.path("seed"));
        assertEquals(pipeline.info().name(), saved.path("model"));
        assertEquals(expected.width(), (int) saved.path("width"));
        byte[] stored = given().get((String) saved.path("imageUrl")).then().statusCode(200)
                .contentType(expected.mime()).extract().asByteArray();
        assertArrayEquals(expected.encoded(), stored);
    }

    @Test
    void fiftyConcurrentSavesAllArrive() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("busy");
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            images.add(TestImages.png(i, 24, 24));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> saves = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                saves.add(pool.submit(() -> GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame",
                        List.of("prompt " + n), n, List.of(images.get(n)), "image/png").statusCode()));
            }
            for (Future<Integer> save : saves) {
                assertEquals(201, save.get());
            }
        } finally {
            pool.shutdown();
        }
        Response listing = given().get("/api/galleries/" + gallery.slug() + "?limit=200").then().statusCode(200)
                .extract().response();
        List<String> prompts = listing.path("items.prompt");
        assertEquals(50, prompts.size());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            expected.add("prompt " + i);
        }
        assertEquals(expected, new HashSet<>(prompts));
        for (int i = 0; i < 50; i++) {
            int seed = listing.path("items[" + i + "].seed");
            byte[] stored = given().get((String) listing.path("items[" + i + "].imageUrl")).then().statusCode(200)
                    .extract().asByteArray();
            assertArrayEquals(images.get(seed), stored, "item with seed " + seed);
        }
    }

    @Test
    void flipbookKeepsEveryFrameInOrderWithItsPrompt() {
        GalleryClient.Created gallery = GalleryClient.create("typing");
        List<String> prompts = List.of("a", "a c", "a ca", "a cat");
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            frames.add(TestImages.jpeg(10 + i, 40, 40));
        }
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "flipbook", prompts, 5, frames,
                "image/jpeg").then().statusCode(201).extract().response();
        assertEquals("flipbook", saved.path("kind"));
        assertEquals("a cat", saved.path("prompt"));
        assertEquals(prompts, saved.path("frames.prompt"));
        List<String> urls = saved.path("frames.imageUrl");
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), given().get(urls.get(i)).then().statusCode(200).extract().asByteArray());
        }
        given().get((String) saved.path("pageUrl")).then().statusCode(200)
                .body(containsString("data-frames=")).body(containsString("4 frames"));
    }

    @Test
    void uploadsOutsideTheBoundsAreRefusedAndSaveNothing() {
        GalleryClient.Created gallery = GalleryClient.create("bounds");
        String slug = gallery.slug();
        String token = gallery.editToken();
        byte[] png = TestImages.png(1, 8, 8);
        GalleryClient.upload(slug, token, "frame", List.of("x"), 1, List.of("not an image".getBytes()), "image/png")
                .then().statusCode(400).body(containsString("PNG or JPEG"));
        byte[] truncated = java.util.Arrays.copyOf(png, 20);
        GalleryClient.upload(slug, token, "frame", List.of("x"), 1, List.of(truncated), "image/png").then().statusCode(400);
        byte[] huge = java.util.Arrays.copyOf(png, config.maxFrameBytes() + 1);
        GalleryClient.upload(slug, token, "frame", List.of("x"), 1, List.of(huge), "image/png")
                .then().statusCode(400).body(containsString("at most"));
        GalleryClient.upload(slug, token, "frame", List.of("x", "y"), 1, List.of(png, png), "image/png")
                .then().statusCode(400);
        byte[] scanBomb = JpegBombs.withLastScanRepeated(JpegBombs.progressive(32, 32, BufferedImage.TYPE_BYTE_GRAY), 100);
        GalleryClient.upload(slug, token, "frame", List.of("x"), 1, List.of(scanBomb), "image/jpeg")
                .then().statusCode(400).body(containsString("scans"));
        GalleryClient.upload(slug, token, "flipbook", Collections.nCopies(config.maxFlipbookFrames() + 1, "x"), 1,
                Collections.nCopies(config.maxFlipbookFrames() + 1, png), "image/png").then().statusCode(400);
        GalleryClient.upload(slug, token, "frame", List.of("x"), -1, List.of(png), "image/png").then().statusCode(400);
        GalleryClient.upload(slug, token, "frame", List.of("x"), 1L << 53, List.of(png), "image/png")
                .then().statusCode(400).body(containsString("9007199254740991"));
        GalleryClient.upload(slug, token, "poster", List.of("x"), 1, List.of(png), "image/png").then().statusCode(400);
        given().header(EditTokens.HEADER, token).contentType("application/json").body("{\"prompt\":\"x\"}")
                .post("/api/galleries/" + slug + "/items").then().statusCode(400).body(containsString("seed"));
        given().header(EditTokens.HEADER, token).contentType("application/json")
                .body("{\"prompt\":\"x\",\"seed\":9007199254740992}").post("/api/galleries/" + slug + "/items")
                .then().statusCode(400).body(containsString("seed"));
        given().contentType("application/json").body("{\"name\":\"   \"}").post("/api/galleries").then().statusCode(400);
        given().get("/api/galleries/" + slug).then().statusCode(200).body("items.size()", equalTo(0));
    }
}
