package dev.livediffusion.gallery;

import dev.livediffusion.admin.AdminSession;
import dev.livediffusion.blocklist.PromptBlocklist;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moderation through the admin area, seen from the public side: share links, the image URLs, the API. */
@QuarkusTest
class GalleryModerationTest {

    @Inject
    PromptBlocklist blocklist;
    @Inject
    GalleryStore galleries;
    @Inject
    ItemStore items;

    @AfterEach
    void clear() {
        blocklist.rules().forEach(rule -> blocklist.remove(rule.kind(), rule.value()));
    }

    private static long saveFrame(GalleryClient.Created gallery, String prompt, int picture) {
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of(prompt), 3,
                List.of(TestImages.png(picture, 64, 64)), "image/png").then().statusCode(201).extract().response();
        return ((Number) saved.path("id")).longValue();
    }

    @Test
    void hidingAnItemRemovesItFromItsShareLinkAndShowingBringsItBack() {
        GalleryClient.Created gallery = GalleryClient.create("Moderated");
        long kept = saveFrame(gallery, "a calm green lake", 1);
        long hidden = saveFrame(gallery, "an unwanted purple thing", 2);
        String share = "/g/" + gallery.slug();
        given().get(share).then().statusCode(200).body(containsString("an unwanted purple thing"));

        AdminSession admin = AdminSession.logIn();
        admin.withoutToken().get("/admin/galleries?q=PURPLE").then().statusCode(200)
                .body(containsString("data-item=\"" + hidden + "\""), not(containsString("data-item=\"" + kept + "\"")));
        admin.form().post("/admin/items/" + hidden + "/hide").then().statusCode(303);

        given().get(share).then().statusCode(200).body(not(containsString("an unwanted purple thing")),
                containsString("a calm green lake"));
        given().get(share + "/i/" + hidden).then().statusCode(404);
        given().get("/img/" + gallery.slug() + "/" + hidden + "/0").then().statusCode(404);
        given().get("/api/galleries/" + gallery.slug() + "/items").then().body(not(containsString("unwanted purple")));
        admin.withoutToken().get("/admin/items/" + hidden + "/cover").then().statusCode(200).contentType("image/png");
        long galleryId = galleries.findGallery(gallery.slug()).orElseThrow().id();
        assertTrue(items.frames(galleryId, hidden).isEmpty(), "no frames of a hidden item, for downloads either");
        assertEquals(1, items.frames(galleryId, kept).size());

        admin.form().post("/admin/items/" + hidden + "/show").then().statusCode(303);
        given().get(share).then().statusCode(200).body(containsString("an unwanted purple thing"));
    }

    @Test
    void hidingAGalleryHidesItsShareLinkAndDeletingRemovesItForGood() {
        GalleryClient.Created gallery = GalleryClient.create("Doomed");
        long item = saveFrame(gallery, "a doomed castle", 4);
        AdminSession admin = AdminSession.logIn();
        String page = admin.withoutToken().get("/admin/galleries?q=doomed castle").then().statusCode(200).extract().asString();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("data-gallery=\"(\\d+)\"").matcher(page);
        assertTrue(row.find(), page);
        String id = row.group(1);

        admin.form().post("/admin/galleries/" + id + "/hide").then().statusCode(303);
        given().get("/g/" + gallery.slug()).then().statusCode(404);
        admin.form().post("/admin/galleries/" + id + "/show").then().statusCode(303);
        given().get("/g/" + gallery.slug()).then().statusCode(200);

        admin.form().post("/admin/items/" + item + "/delete").then().statusCode(303);
        admin.form().post("/admin/items/" + item + "/delete").then().statusCode(404);
        admin.form().post("/admin/galleries/" + id + "/delete").then().statusCode(303);
        given().get("/g/" + gallery.slug()).then().statusCode(404);
    }

    @Test
    void savingABlockedPromptIsRefusedWithAClearMessage() {
        blocklist.add(dev.livediffusion.blocklist.BlockRule.Kind.WORD, "contraband");
        GalleryClient.Created gallery = GalleryClient.create("Blocked");
        GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a box of Contraband"), 3,
                List.of(TestImages.png(5, 64, 64)), "image/png")
                .then().statusCode(400).body(containsString("not allowed"), containsString("contraband"));
    }
}
