package dev.livediffusion.gallery;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StorageQuota with small limits; clients told apart by X-Forwarded-For, which the test profile trusts. */
@QuarkusTest
@TestProfile(GalleryQuotaTest.SmallQuotas.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryQuotaTest {

    static final int GALLERIES_PER_MINUTE = 5;
    static final int BYTES_PER_MINUTE = 300_000;
    static final int ITEMS_PER_GALLERY = 3;
    static final int TOTAL_BYTES = 1_500_000;

    /** Its own database, made afresh: the total counts everything stored, an earlier run's saves included. */
    public static class SmallQuotas implements QuarkusTestProfile {
        static final Path DATA = Path.of("target/test-postgres-quotas");

        @Override
        public Map<String, String> getConfigOverrides() {
            try (Stream<Path> files = Files.exists(DATA) ? Files.walk(DATA) : Stream.empty()) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("app.gallery.quota.galleries-per-minute", "" + GALLERIES_PER_MINUTE,
                    "app.gallery.quota.bytes-per-minute", "" + BYTES_PER_MINUTE,
                    "app.gallery.quota.items-per-gallery", "" + ITEMS_PER_GALLERY,
                    "app.gallery.quota.total-bytes", "" + TOTAL_BYTES,
                    "app.gallery.url-gallery-lifetime", "3s",
                    "app.gallery.public-url", "https://pics.example.org",
                    "app.database.data-dir", DATA.toString());
        }
    }

    @Test
    @Order(1)
    void oneAddressMakesAtMostItsGalleriesAMinute() {
        for (int i = 0; i < GALLERIES_PER_MINUTE; i++) {
            create("10.0.0.1").then().statusCode(201);
        }
        create("10.0.0.1").then().statusCode(429).body("code", equalTo("quota_exceeded"))
                .header("Retry-After", value -> Integer.parseInt(value), org.hamcrest.Matchers.greaterThan(0));
        create("10.0.0.2").then().statusCode(201);
    }

    @Test
    @Order(2)
    void oneAddressSavesAtMostItsBytesAMinuteAndARefusedSaveStoresNothing() throws IOException {
        byte[] noise = noisePng(1);   // about 120 KB
        assertTrue(noise.length > BYTES_PER_MINUTE / 4 && noise.length < BYTES_PER_MINUTE / 2, noise.length + " bytes");
        Response gallery = create("10.0.1.1");
        String slug = gallery.path("slug");
        String token = gallery.path("editToken");
        upload("10.0.1.1", slug, token, noise).then().statusCode(201);
        upload("10.0.1.1", slug, token, noisePng(2)).then().statusCode(201);
        upload("10.0.1.1", slug, token, noisePng(3)).then().statusCode(429).body("code", equalTo("quota_exceeded"));
        given().get("/api/galleries/" + slug).then().statusCode(200).body("itemCount", equalTo(2));
        upload("10.0.1.2", slug, token, noisePng(3)).then().statusCode(201);
    }

    @Test
    @Order(3)
    void aGalleryHoldsItsItemsAtMost() throws IOException {
        Response gallery = create("10.0.2.1");
        String slug = gallery.path("slug");
        String token = gallery.path("editToken");
        for (int i = 0; i < ITEMS_PER_GALLERY; i++) {
            upload("10.0.2.1", slug, token, TestImages.png(i, 8, 8)).then().statusCode(201);
        }
        upload("10.0.2.1", slug, token, TestImages.png(9, 8, 8)).then().statusCode(409).body("code", equalTo("gallery_full"));
    }

    @Test
    @Order(4)
    void galleriesMadeForOpenAiUrlsEndAfterTheirLifetime() throws Exception {
        // 256x256: the lossless PNG of the tiny model's noisy picture stays within this profile's bytes a minute
        String url = given().contentType("application/json").body(Map.of("prompt", "a green ring",
                "response_format", "url", "size", "256x256")).post("/v1/images/generations").then().statusCode(200)
                .extract().path("data[0].url");
        String slug = url.substring("https://pics.example.org".length()).split("/")[2];
        given().get("/api/galleries/" + slug).then().statusCode(200);
        Thread.sleep(3_500);
        given().get("/api/galleries/" + slug).then().statusCode(404);
    }

    @Test
    @Order(5)
    void allGalleriesTogetherStopAtTheTotal() throws IOException {
        int status = 201;
        for (int client = 0; client < 40 && status == 201; client++) {
            Response gallery = create("10.0.3." + client);
            Response saved = upload("10.0.3." + client, gallery.path("slug"), gallery.path("editToken"), noisePng(client));
            status = saved.statusCode();
            if (status != 201) {
                assertEquals(507, status, saved.asString());
                assertEquals("storage_full", saved.path("code"));
            }
        }
        assertEquals(507, status, "the total was reached");
    }

    private static Response create(String client) {
        return given().header("X-Forwarded-For", client).contentType("application/json")
                .body(Map.of("name", "quota")).post("/api/galleries");
    }

    private static Response upload(String client, String slug, String token, byte[] png) {
        return given().header("X-Forwarded-For", client).header(EditTokens.HEADER, token)
                .multiPart("meta", "meta.json", ("{\"kind\":\"frame\",\"seed\":1,\"model\":\"m\",\"prompts\":[\"x\"]}")
                        .getBytes(), "application/json")
                .multiPart("frame", "frame-0", png, "image/png").post("/api/galleries/" + slug + "/items");
    }

    private static byte[] noisePng(int seed) throws IOException {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
