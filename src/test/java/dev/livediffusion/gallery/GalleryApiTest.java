package dev.livediffusion.gallery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GalleryApiTest {

    /** All a refusal says: the app's JSON error, no detail of why. */
    private static final String NOT_FOUND = "{\"type\":\"error\",\"code\":\"not_found\",\"message\":\"not found\"}";

    @Test
    void createGivesAnUnguessableSlugAShareUrlAndAnEditTokenCookie() {
        Response response = given().contentType("application/json").body("{\"name\":\"Cats\"}")
                .post("/api/galleries").then().statusCode(201).extract().response();
        String slug = response.path("slug");
        assertTrue(slug.matches("[A-Za-z0-9_-]{24}"), slug);
        assertTrue(((String) response.path("shareUrl")).endsWith("/g/" + slug));
        String token = response.path("editToken");
        assertTrue(token.length() >= 43, token);
        String cookie = response.header("Set-Cookie");
        assertTrue(cookie.contains("ld_edit_" + slug + "=" + token), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        given().get("/api/galleries/" + slug).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Cats"))
                .body("visibility", org.hamcrest.Matchers.equalTo("unlisted"));
    }

    @Test
    void savedFramesReadBackByteIdenticalWithTypeEtagAndLongCaching() {
        GalleryClient.Created gallery = GalleryClient.create("bytes");
        byte[] png = TestImages.png(1, 64, 48);
        byte[] jpeg = TestImages.jpeg(2, 32, 32);
        Response savedPng = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a red fox"), 7,
                List.of(png), "image/png").then().statusCode(201).extract().response();
        Response savedJpeg = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a blue owl"), 8,
                List.of(jpeg), "image/jpeg").then().statusCode(201).extract().response();
        assertEquals(64, (int) savedPng.path("width"));
        assertEquals(48, (int) savedPng.path("height"));

        Response image = given().get((String) savedPng.path("imageUrl")).then().statusCode(200)
                .contentType("image/png").header("Cache-Control", containsString("max-age=31536000")).extract().response();
        assertArrayEquals(png, image.asByteArray());
        String etag = image.header("ETag");
        given().header("If-None-Match", etag).get((String) savedPng.path("imageUrl")).then().statusCode(304);
        byte[] readJpeg = given().get((String) savedJpeg.path("imageUrl")).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertArrayEquals(jpeg, readJpeg);

        Response listing = given().get("/api/galleries/" + gallery.slug()).then().statusCode(200).extract().response();
        assertEquals(List.of("a blue owl", "a red fox"), listing.path("items.prompt"));
        assertEquals(List.of(8, 7), listing.path("items.seed"));
        assertEquals(12.5f, (Float) listing.path("items[0].timingsMs.unet"));
    }

    @Test
    void changesWithoutTheEditTokenAreRefusedAndChangeNothing() {
        GalleryClient.Created gallery = GalleryClient.create("mine");
        byte[] png = TestImages.png(3, 16, 16);
        GalleryClient.upload(gallery.slug(), null, "frame", List.of("x"), 1, List.of(png), "image/png")
                .then().statusCode(403);
        GalleryClient.upload(gallery.slug(), "not-the-token", "frame", List.of("x"), 1, List.of(png), "image/png")
                .then().statusCode(403);
        given().contentType("application/json").body("{\"prompt\":\"x\",\"seed\":1}")
                .post("/api/galleries/" + gallery.slug() + "/items").then().statusCode(403);
        given().contentType("application/json").body("{\"name\":\"stolen\",\"visibility\":\"public\"}")
                .patch("/api/galleries/" + gallery.slug()).then().statusCode(403);
        given().delete("/api/galleries/" + gallery.slug()).then().statusCode(403);

        given().get("/api/galleries/" + gallery.slug()).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("mine"))
                .body("visibility", org.hamcrest.Matchers.equalTo("unlisted"))
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));

        given().header(EditTokens.HEADER, gallery.editToken()).contentType("application/json")
                .body("{\"name\":\"renamed\",\"visibility\":\"public\"}")
                .patch("/api/galleries/" + gallery.slug()).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("renamed"));
        given().header(EditTokens.HEADER, gallery.editToken()).delete("/api/galleries/" + gallery.slug())
                .then().statusCode(204);
        given().get("/api/galleries/" + gallery.slug()).then().statusCode(404);
    }

    @Test
    void unknownOrMalformedSlugsAre404AndSayNothingMore() {
        String unknown = RandomTokens.slug();
        for (String slug : List.of(unknown, "x", "%27%20OR%201%3D1%20--", unknown + "A")) {
            for (String path : slugPaths(slug)) {
                String body = given().urlEncodingEnabled(false).get(path).then().statusCode(404).extract().asString();
                assertEquals(NOT_FOUND, body, path);
            }
        }
        for (String path : slugPaths("..%2F..%2Fetc")) {   // an encoded separator never reaches a resource
            given().urlEncodingEnabled(false).get(path).then().statusCode(400).body("code", equalTo("ambiguous_path"));
        }
        GalleryClient.Created gallery = GalleryClient.create("empty");
        given().get("/img/" + gallery.slug() + "/999999/0").then().statusCode(404).body(equalTo(NOT_FOUND));
    }

    private static List<String> slugPaths(String slug) {
        return List.of("/api/galleries/" + slug, "/g/" + slug, "/img/" + slug + "/1/0", "/g/" + slug + "/i/1",
                "/img/" + slug + "/1/download");
    }
}
