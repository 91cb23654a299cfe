package dev.livediffusion.gallery;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The REST API as a script would use it, for tests. */
final class GalleryClient {

    record Created(String slug, String shareUrl, String editToken) {
    }

    private GalleryClient() {
    }

    static Created create(String name) {
        Response response = given().contentType("application/json").body(Map.of("name", name))
                .post("/api/galleries").then().statusCode(201).extract().response();
        return new Created(response.path("slug"), response.path("shareUrl"), response.path("editToken"));
    }

    /** Uploads frames as the live page does; returns the raw response for the caller to check. */
    static Response upload(String slug, String token, String kind, List<String> prompts, long seed, List<byte[]> frames,
                           String mime) {
        return upload(slug, token, kind, prompts, seed, frames, mime, null);
    }

    /** As the live page saves a video: a flipbook with the video's frame rate. */
    static Response upload(String slug, String token, String kind, List<String> prompts, long seed, List<byte[]> frames,
                           String mime, Double frameRate) {
        String meta = "{\"kind\":\"" + kind + "\",\"seed\":" + seed + ",\"model\":\"test-model\","
                + "\"timingsMs\":{\"unet\":12.5,\"vae\":3.0},\"prompts\":" + jsonArray(prompts)
                + (frameRate == null ? "" : ",\"frameRate\":" + frameRate) + "}";
        RequestSpecification request = given().multiPart("meta", "meta.json", meta.getBytes(), "application/json");
        if (token != null) {
            request = request.header(EditTokens.HEADER, token);
        }
        for (int i = 0; i < frames.size(); i++) {
            request = request.multiPart("frame", "frame-" + i, frames.get(i), mime);
        }
        return request.post("/api/galleries/" + slug + "/items");
    }

    private static String jsonArray(List<String> texts) {
        StringBuilder json = new StringBuilder("[");
        for (String text : texts) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return json.append(']').toString();
    }
}
