package dev.livediffusion.gallery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GalleryPagesTest {

    private static final String EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\" & more";

    @Test
    void promptsWithHtmlAreShownAsTextOnEveryPage() {
        GalleryClient.Created gallery = GalleryClient.create("<b>bold</b> name");
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "flipbook", List.of("<i>", EVIL), 3,
                List.of(TestImages.png(1, 8, 8), TestImages.png(2, 8, 8)), "image/png").then().statusCode(201)
                .extract().response();
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";
        for (String page : List.of("/g/" + gallery.slug(), java.net.URI.create(saved.path("pageUrl").toString()).getPath())) {
            String html = given().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .extract().asString();
            assertTrue(html.contains(escaped), page + " shows the prompt as text");
            assertTrue(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("<b>bold"),
                    page + " has no injected markup");
        }
        given().get("/g/" + gallery.slug() + "/cards").then().statusCode(200)
                .body(containsString(escaped)).body(not(containsString("<script>alert")));
    }

    @Test
    void sharePageHasOpenGraphPreviewAndNoEditControlsForVisitors() {
        GalleryClient.Created gallery = GalleryClient.create("Preview me");
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a green comet"), 77,
                List.of(TestImages.png(4, 16, 16)), "image/png").then().statusCode(201).extract().response();
        String html = given().get("/g/" + gallery.slug()).then().statusCode(200).extract().asString();
        assertTrue(html.contains("<meta property=\"og:title\" content=\"Preview me\">"), html);
        assertTrue(html.contains("<meta property=\"og:image\" content=\"" + saved.path("imageUrl") + "\">"), html);
        assertTrue(html.contains("<meta property=\"og:url\" content=\"" + gallery.shareUrl() + "\">"), html);
        assertTrue(html.contains("noindex"), "unlisted galleries stay out of search engines");
        assertTrue(!html.contains("hx-delete"), "a visitor sees no delete buttons");

        String asCreator = given().cookie("ld_edit_" + gallery.slug(), gallery.editToken()).get("/g/" + gallery.slug())
                .then().statusCode(200).extract().asString();
        assertTrue(asCreator.contains("hx-delete=\"/g/" + gallery.slug() + "/i/" + saved.path("id") + "\""));
        assertTrue(asCreator.contains("hx-confirm="), "deleting asks first");

        String item = given().get(java.net.URI.create(saved.path("pageUrl").toString()).getPath()).then().statusCode(200)
                .extract().asString();
        assertTrue(item.contains("href=\"/?prompt=a+green+comet&amp;seed=77\""), "remix opens the live page");
    }

    @Test
    void pageEditsNeedTheCreatorsCookie() {
        GalleryClient.Created gallery = GalleryClient.create("guarded");
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("keep me"), 1,
                List.of(TestImages.png(5, 8, 8)), "image/png").then().statusCode(201).extract().response();
        String itemPath = "/g/" + gallery.slug() + "/i/" + saved.path("id");
        given().formParam("name", "taken").formParam("visibility", "public").post("/g/" + gallery.slug() + "/settings")
                .then().statusCode(403);
        given().cookie("ld_edit_" + gallery.slug(), "wrong").delete(itemPath).then().statusCode(403);
        given().delete("/g/" + gallery.slug()).then().statusCode(403);
        given().get(itemPath).then().statusCode(200);
        given().get("/explore").then().statusCode(200).body(not(containsString(gallery.slug())));

        given().cookie("ld_edit_" + gallery.slug(), gallery.editToken()).formParam("name", "now public")
                .formParam("visibility", "public").post("/g/" + gallery.slug() + "/settings")
                .then().statusCode(200).body(containsString("now public"));
        given().get("/explore").then().statusCode(200).body(containsString("/g/" + gallery.slug()));
        given().cookie("ld_edit_" + gallery.slug(), gallery.editToken()).delete(itemPath).then().statusCode(200);
        given().get(itemPath).then().statusCode(404);
    }

    @Test
    void aValidEditTokenUnlocksEditingInThisBrowserAndAWrongOneDoesNot() {
        GalleryClient.Created gallery = GalleryClient.create("made by a script");
        given().formParam("token", "guess").post("/g/" + gallery.slug() + "/token").then().statusCode(403)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        String cookie = given().formParam("token", gallery.editToken()).post("/g/" + gallery.slug() + "/token")
                .then().statusCode(200).extract().header("Set-Cookie");
        assertTrue(cookie.startsWith("ld_edit_" + gallery.slug() + "=" + gallery.editToken()), cookie);
    }

    @Test
    void galleryPagesAndTheApiPageThroughEveryItemOnce() {
        GalleryClient.Created gallery = GalleryClient.create("many");
        int count = 30;
        for (int i = 0; i < count; i++) {
            GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("item " + i), i,
                    List.of(TestImages.png(i, 4, 4)), "image/png").then().statusCode(201);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String next = "/api/galleries/" + gallery.slug() + "?limit=7";
        while (next != null) {
            Response page = given().get(next).then().statusCode(200).extract().response();
            List<String> prompts = page.path("items.prompt");
            prompts.forEach(p -> assertTrue(seen.add(p), "seen once: " + p));
            next = page.path("next");
        }
        assertEquals(count, seen.size());

        String first = given().get("/g/" + gallery.slug()).then().statusCode(200).extract().asString();
        java.util.regex.Matcher more = java.util.regex.Pattern.compile("hx-get=\"(/g/[^\"]+/cards\\?before=\\d+)\"")
                .matcher(first);
        assertTrue(more.find(), "the first page loads more as it scrolls");
        String rest = given().get(more.group(1)).then().statusCode(200).extract().asString();
        int cards = count("class=\"card\"", first) + count("class=\"card\"", rest);
        assertEquals(count, cards);
        assertTrue(!rest.contains("hx-trigger=\"revealed\""), "the last page has no more marker");
    }

    private static int count(String needle, String haystack) {
        return haystack.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void mineListsOnlyGalleriesWhoseCookieHoldsTheRightToken() {
        GalleryClient.Created a = GalleryClient.create("first");
        GalleryClient.Created b = GalleryClient.create("second");
        List<String> slugs = given().cookie("ld_edit_" + a.slug(), a.editToken()).cookie("ld_edit_" + b.slug(), "forged")
                .get("/api/galleries/mine").then().statusCode(200).extract().path("slug");
        assertEquals(List.of(a.slug()), slugs);
    }

    @Test
    void aBrowserOpeningAMissingPageGetsAStyledPageWithAWayBack() {
        GalleryClient.Created gallery = GalleryClient.create("has a hole");
        for (String path : List.of("/g/" + RandomTokens.slug(), "/g/" + gallery.slug() + "/i/999999", "/no-such-page")) {
            String html = given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get(path).then().statusCode(404)
                    .contentType(containsString("text/html")).extract().asString();
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/app.css\">"), path + " is in the site layout");
            assertTrue(html.contains("href=\"/explore\"") && html.contains("href=\"/\""), path + " links back: " + html);
            assertTrue(html.contains("<h1>"), path + " says what happened");
        }
        // scripts, images and htmx swaps keep the short answer
        given().accept("text/html,*/*;q=0.8").get("/api/galleries/" + RandomTokens.slug()).then().statusCode(404)
                .contentType("application/json").body("code", equalTo("not_found"));
        given().accept("text/html").get("/img/" + gallery.slug() + "/999999/0").then().statusCode(404)
                .contentType("application/json").body("code", equalTo("not_found"));
        given().accept("text/html").header("HX-Request", "true").get("/g/" + RandomTokens.slug() + "/cards")
                .then().statusCode(404).contentType("application/json").body("code", equalTo("not_found"));
        given().accept("text/html").formParam("name", "x").post("/g/" + gallery.slug() + "/settings").then()
                .statusCode(403).contentType(containsString("text/html")).body(containsString("I made this"));
    }

    @Test
    void exploreShowsACoverPerGalleryAndLeavesOutEmptyOnes() {
        GalleryClient.Created full = publicGallery("explore full");
        GalleryClient.Created empty = publicGallery("explore empty");
        GalleryClient.upload(full.slug(), full.editToken(), "frame", List.of("older"), 1,
                List.of(TestImages.png(8, 8, 8)), "image/png").then().statusCode(201);
        Response newest = GalleryClient.upload(full.slug(), full.editToken(), "flipbook", List.of("a", "b"), 2,
                List.of(TestImages.png(9, 8, 8), TestImages.png(10, 8, 8)), "image/png").then().statusCode(201)
                .extract().response();
        String html = given().get("/explore").then().statusCode(200).extract().asString();
        assertTrue(html.contains("href=\"/g/" + full.slug() + "\""), html);
        assertTrue(html.contains("<img src=\"/img/" + full.slug() + "/" + newest.path("id") + "/1\""),
                "the newest item's cover, as its card shows it: " + html);
        assertTrue(html.contains("2 pictures"), html);
        assertTrue(!html.contains(empty.slug()), "an empty gallery is left out");
    }

    @Test
    void myGalleriesListsWhatThisBrowserCanEditAndSaysHowToStart() {
        GalleryClient.Created mine = GalleryClient.create("my very own");
        GalleryClient.upload(mine.slug(), mine.editToken(), "frame", List.of("one"), 1,
                List.of(TestImages.png(11, 8, 8)), "image/png").then().statusCode(201);
        GalleryClient.Created other = GalleryClient.create("someone else's");
        String html = given().cookie("ld_edit_" + mine.slug(), mine.editToken()).cookie("ld_edit_" + other.slug(), "forged")
                .get("/mine").then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("href=\"/g/" + mine.slug() + "\"") && html.contains("my very own"), html);
        assertTrue(html.contains("1 picture<") || html.contains("1 picture "), "one picture, not '1 pictures': " + html);
        assertTrue(!html.contains(other.slug()), "a forged cookie lists nothing");

        String none = given().get("/mine").then().statusCode(200).extract().asString();
        assertTrue(none.contains("haven't made a gallery") && none.contains("href=\"/\""), none);
    }

    @Test
    void everyPublicPageHasTheSameTopNavigation() {
        GalleryClient.Created gallery = GalleryClient.create("nav");
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("nav item"), 1,
                List.of(TestImages.png(12, 8, 8)), "image/png").then().statusCode(201).extract().response();
        String item = java.net.URI.create(saved.path("pageUrl").toString()).getPath();
        for (String path : List.of("/", "/explore", "/mine", "/g/" + gallery.slug(), item)) {
            String html = given().get(path).then().statusCode(200).extract().asString();
            for (String link : List.of("<a href=\"/\">Live</a>", "<a href=\"/explore\">Explore</a>",
                    "<a href=\"/mine\">My galleries</a>", "<a href=\"/admin\">Admin</a>")) {
                assertTrue(html.contains(link), path + " has " + link);
            }
        }
    }

    @Test
    void anItemPageSaysWhenInWordsAndKeepsTheNumbersInDetails() {
        GalleryClient.Created gallery = GalleryClient.create("dates");
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "flipbook", List.of("x"), 1,
                List.of(TestImages.png(13, 8, 8)), "image/png").then().statusCode(201).extract().response();
        String html = given().get(java.net.URI.create(saved.path("pageUrl").toString()).getPath()).then().statusCode(200)
                .extract().asString();
        java.util.regex.Matcher saved_ = java.util.regex.Pattern
                .compile("<time datetime=\"([^\"]+)\" data-local>([^<]+)</time>").matcher(html);
        assertTrue(saved_.find(), html);
        assertTrue(saved_.group(2).matches("\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d\\d:\\d\\d UTC"), saved_.group(2));
        assertTrue(saved_.group(1).contains("T"), "the machine-readable time stays in the attribute");
        assertTrue(html.contains("1 frame<") || html.contains("1 frame\n"), "'1 frame', not '1 frames'");
        int details = html.indexOf("<summary>Details</summary>");
        assertTrue(details > 0, html);
        assertTrue(html.indexOf("Timings") > details && html.indexOf("unet 12.5 ms") > details,
                "timings only inside Details");
    }

    private static GalleryClient.Created publicGallery(String name) {
        GalleryClient.Created gallery = GalleryClient.create(name);
        given().cookie("ld_edit_" + gallery.slug(), gallery.editToken()).formParam("name", name)
                .formParam("visibility", "public").post("/g/" + gallery.slug() + "/settings").then().statusCode(200);
        return gallery;
    }

    @Test
    void downloadsCarryPromptAndSeedInTheFile() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("downloads");
        Response png = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("ünïcode prompt ✓"), 42,
                List.of(TestImages.png(6, 12, 12)), "image/png").then().statusCode(201).extract().response();
        byte[] file = given().get((String) png.path("downloadUrl")).then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", containsString("attachment")).extract().asByteArray();
        Map<String, String> text = pngText(file);
        assertEquals("ünïcode prompt ✓", text.get("prompt"));
        assertEquals("42", text.get("seed"));
        assertEquals(12, ImageIO.read(new ByteArrayInputStream(file)).getWidth(), "still a valid PNG");

        Response jpeg = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("a jpeg"), 43,
                List.of(TestImages.jpeg(7, 12, 12)), "image/jpeg").then().statusCode(201).extract().response();
        byte[] jpegFile = given().get((String) jpeg.path("downloadUrl")).then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        String comment = jpegComment(jpegFile);
        assertTrue(comment.contains("prompt: a jpeg") && comment.contains("seed: 43"), comment);
        assertEquals(12, ImageIO.read(new ByteArrayInputStream(jpegFile)).getWidth(), "still a valid JPEG");
    }

    /** iTXt entries as Java's own PNG reader sees them. */
    private static Map<String, String> pngText(byte[] png) throws Exception {
        Node root = metadata(png, "javax_imageio_png_1.0");
        Map<String, String> text = new HashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("iTXt")) {
                for (Node entry = n.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                    NamedNodeMap attributes = entry.getAttributes();
                    text.put(attributes.getNamedItem("keyword").getNodeValue(), attributes.getNamedItem("text").getNodeValue());
                }
            }
        }
        return text;
    }

    private static String jpegComment(byte[] jpeg) throws Exception {
        Node root = metadata(jpeg, "javax_imageio_jpeg_image_1.0");
        StringBuilder comments = new StringBuilder();
        collect(root, comments);
        return comments.toString();
    }

    private static void collect(Node node, StringBuilder comments) {
        if (node.getNodeName().equals("com")) {
            comments.append(node.getAttributes().getNamedItem("comment").getNodeValue());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, comments);
        }
    }

    private static Node metadata(byte[] image, String format) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            return metadata.getAsTree(format);
        }
    }
}
