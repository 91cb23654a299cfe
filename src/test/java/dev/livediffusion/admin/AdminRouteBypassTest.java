package dev.livediffusion.admin;

import dev.livediffusion.gallery.TakedownStore;
import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.blocklist.PromptBlocklist;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every admin route, taken from the application's own endpoints, is tried anonymously and without a CSRF token
 * under every spelling that a path check and the router could read differently (matrix parameters, encoded
 * separators, dot segments, doubled slashes, case): each is refused, and nothing changes.
 */
@QuarkusTest
class AdminRouteBypassTest {

    /** A form that would change the live limits, add a blocklist word or disconnect, were it accepted. */
    private static final String WRITE_FORM = "messagesPerSecond=31&maxConnections=3&maxPromptChars=50&seedMode=random"
            + "&defaultSeed=7&maxBatch=2&maxClips=1&kind=word&value=bypassed&csrf-token=x";

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveSettings settings;
    @Inject
    PromptBlocklist blocklist;
    @Inject
    TakedownStore takedowns;

    static List<String> spellings(String path) {
        String rest = path.substring("/admin".length());
        List<String> spellings = new ArrayList<>(List.of(path, "/admin;x" + rest, "/admin;" + rest, "/admin%3Bx" + rest,
                "/admin%3bx" + rest, "/admin;jsessionid=1" + rest, "//admin" + rest, "/admin/" + rest, "/./admin" + rest,
                "/admin/." + rest, "/%2e/admin" + rest, "/admin/%2e" + rest, "/x/../admin" + rest, "/x/%2e%2e/admin" + rest,
                "/admin%2f" + rest, path + "/", path + ";x", path + "%3B", path.toUpperCase(Locale.ROOT),
                "/Admin" + rest));
        if (!rest.isEmpty()) {
            spellings.add("/admin" + rest.replaceFirst("/", ";x/"));
            spellings.add("/admin" + rest.replaceFirst("/([^/]+)", "/$1;x"));
        }
        return spellings;
    }

    @Test
    void everyAdminRouteUnderEverySpellingRefusesAnonymousRequestsAndChangesNothing() throws IOException {
        long[] ids = galleryWithAnItem();
        int rate = settings.messagesPerSecond();
        int connections = settings.maxConnections();
        int rules = blocklist.rules().size();

        List<AdminRoutes.Endpoint> endpoints = AdminRoutes.underAdmin(Map.of("id", String.valueOf(ids[1])));
        assertTrue(endpoints.stream().filter(AdminRoutes.Endpoint::adminOnly).count() >= 12, "endpoints: " + endpoints);
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (AdminRoutes.Endpoint endpoint : endpoints) {
            if (!endpoint.adminOnly()) {
                continue;
            }
            for (String path : spellings(endpoint.path().replace("/galleries/" + ids[1], "/galleries/" + ids[0]))) {
                for (String method : List.of("GET", "POST")) {
                    RawHttp.Answer answer = RawHttp.send(base.getPort(), method, path, "admin-csrf=x",
                            method.equals("POST") ? WRITE_FORM : null);
                    tried++;
                    if (!refused(answer)) {
                        accepted.add(method + " " + path + " → " + answer.status() + " " + answer.location());
                    }
                }
            }
        }
        assertTrue(tried > 500, "requests tried: " + tried);
        assertEquals(List.of(), accepted, "admin routes answered an anonymous request");
        assertEquals(rate, settings.messagesPerSecond());
        assertEquals(connections, settings.maxConnections());
        assertEquals(rules, blocklist.rules().size());
        TakedownStore.GalleryRow gallery = takedowns.galleries("bypass probe", 10).get(0);
        assertEquals(ids[0], gallery.id());
        assertFalse(gallery.hidden());
        TakedownStore.ItemRow item = takedowns.items("bypass probe", 10).get(0);
        assertEquals(ids[1], item.id());
        assertFalse(item.hidden());
    }

    @Test
    void everyEndpointUnderAdminExceptTheLoginFormNeedsTheAdminRole() {
        for (AdminRoutes.Endpoint endpoint : AdminRoutes.underAdmin(Map.of())) {
            boolean loginForm = endpoint.method().equals("GET") && endpoint.path().equals("/admin/login");
            assertEquals(!loginForm, endpoint.adminOnly(), endpoint + " says who may call it");
            assertEquals(loginForm, endpoint.open(), endpoint.toString());
        }
    }

    @Test
    void pathsThatCouldBeReadTwoWaysAreRefusedEverywhere() throws IOException {
        for (String path : List.of("/explore;x", "/g;x/abc", "/api/galleries/%2e%2e/x", "//explore", "/./explore")) {
            RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET", path, null, null);
            assertEquals(400, answer.status(), path);
            assertTrue(answer.body().contains("not valid"), path + ": " + answer.body());
        }
        assertEquals(200, RawHttp.send(base.getPort(), "GET", "/explore", null, null).status());
        assertEquals(200, RawHttp.send(base.getPort(), "GET", "/explore?q=a;b%2F.", null, null).status());
    }

    /** Refused: an error status, or a redirect to the login form; never a page or a done action. */
    private static boolean refused(RawHttp.Answer answer) {
        if (answer.status() == 302 || answer.status() == 303) {
            return answer.location() != null && answer.location().contains("/admin/login");
        }
        return answer.status() >= 400;
    }

    /** A gallery with one item, so the moderation routes have real ids to try; returns {gallery id, item id}. */
    private long[] galleryWithAnItem() throws IOException {
        Response created = given().contentType("application/json").body(Map.of("name", "bypass probe"))
                .post("/api/galleries").then().statusCode(201).extract().response();
        String slug = created.path("slug");
        String meta = "{\"kind\":\"frame\",\"seed\":1,\"model\":\"test-model\",\"prompts\":[\"bypass probe\"]}";
        Response saved = given().header("X-Edit-Token", (String) created.path("editToken"))
                .multiPart("meta", "meta.json", meta.getBytes(), "application/json")
                .multiPart("frame", "frame-0", png(), "image/png")
                .post("/api/galleries/" + slug + "/items").then().statusCode(201).extract().response();
        long galleryId = takedowns.galleries("bypass probe", 1).get(0).id();
        return new long[] {galleryId, ((Number) saved.path("id")).longValue()};
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", bytes);
        return bytes.toByteArray();
    }
}
