package dev.livediffusion.gallery;

import dev.livediffusion.infotext.InfotextReaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads carry A1111's infotext, so A1111's PNG Info, civitai and Fooocus read prompt and seed. */
@QuarkusTest
class DownloadInfotextTest {

    @Test
    void aPngDownloadHasTheParametersText() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("infotext png");
        byte[] file = download(gallery, "a red kite, high up", 42, TestImages.png(8, 24, 16), "image/png");
        assertEquals("a red kite, high up\nSampler: Euler a, CFG scale: 1, Seed: 42, Size: 24x16, Model: test-model",
                InfotextReaders.pngText(file).get("parameters"), "steps are not recorded, so not written");
        assertEquals("a red kite, high up", InfotextReaders.pngText(file).get("prompt"), "the app's own fields stay");
    }

    @Test
    void aJpegDownloadHasItInTheExifUserComment() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("infotext jpeg");
        byte[] file = download(gallery, "ünïcode ✓ kite", 43, TestImages.jpeg(9, 20, 20), "image/jpeg");
        String comment = InfotextReaders.exifUserComment(file);
        assertEquals("ünïcode ✓ kite", comment.substring(0, comment.indexOf('\n')));
        assertTrue(comment.endsWith("Seed: 43, Size: 20x20, Model: test-model"), comment);
    }

    private static byte[] download(GalleryClient.Created gallery, String prompt, long seed, byte[] image, String mime) {
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of(prompt), seed,
                List.of(image), mime).then().statusCode(201).extract().response();
        return given().get((String) saved.path("downloadUrl")).then().statusCode(200).contentType(mime)
                .extract().asByteArray();
    }
}
