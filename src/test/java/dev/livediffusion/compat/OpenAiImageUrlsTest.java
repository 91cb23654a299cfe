package dev.livediffusion.compat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import dev.livediffusion.infotext.Infotext;
import dev.livediffusion.infotext.InfotextReaders;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code response_format: url}, driven by OpenAI's client: the pictures are saved in a new unlisted gallery and
 * answered as download links under the configured public URL (not the address the request came to), which serve
 * the picture with its prompt and seed.
 */
@QuarkusTest
@TestProfile(OpenAiImageUrlsTest.PublicUrl.class)
class OpenAiImageUrlsTest {

    static final String PUBLIC_URL = "https://pics.example.org";

    /**
     * Its own database directory: an app restarted with other configuration is loaded afresh and does not find the
     * server the default tests' app started (and locked its directory for) in this JVM.
     */
    public static class PublicUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.gallery.public-url", PUBLIC_URL, "app.database.data-dir", "target/test-postgres-public-url");
        }
    }

    @TestHTTPResource("/v1")
    URI api;

    @Test
    void urlsPointAtThePicturesSavedInANewUnlistedGallery() throws Exception {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(api.toString()).apiKey("not-checked")
                .maxRetries(0).build();
        List<Image> data;
        try {
            data = client.images().generate(ImageGenerateParams.builder().prompt("a green ring").n(2)
                    .responseFormat(ImageGenerateParams.ResponseFormat.URL).build()).data().orElseThrow();
        } finally {
            client.close();
        }
        assertEquals(2, data.size());
        String first = data.get(0).url().orElseThrow();
        String second = data.get(1).url().orElseThrow();
        assertNotEquals(first, second);
        String gallery = null;
        for (String url : List.of(first, second)) {
            assertTrue(url.startsWith(PUBLIC_URL + "/img/"), url);
            String path = url.substring(PUBLIC_URL.length());
            byte[] picture = given().get(path).then().statusCode(200).extract().asByteArray();
            String parameters = picture[0] == (byte) 0x89 ? InfotextReaders.pngText(picture).get("parameters")
                    : InfotextReaders.exifUserComment(picture);
            assertEquals("a green ring", Infotext.parse(parameters).get("Prompt"), url);
            String slug = path.split("/")[2];
            assertTrue(gallery == null || gallery.equals(slug), "one gallery for the request: " + first + ", " + second);
            gallery = slug;
        }
        given().get("/g/" + gallery).then().statusCode(200);
        assertTrue(!given().get("/explore").then().statusCode(200).extract().asString().contains(gallery),
                "unlisted: not on the explore page");
    }
}
