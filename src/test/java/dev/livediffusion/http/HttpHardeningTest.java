package dev.livediffusion.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the security probe found at the HTTP level: body sizes, content types, error bodies, headers, links. */
@QuarkusTest
class HttpHardeningTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aLargeJsonBodyIsRefusedWith413BeforeItIsRead() throws IOException {
        // 50 MB declared, 20 bytes sent: the answer must come without the server waiting for (or holding) the rest.
        String answer = rawRequest("POST /api/images HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 52428800\r\n\r\n{\"prompt\":\"a red ci");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"code\":\"body_too_large\""), answer);
        String form = rawRequest("POST /admin/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\nj_username=admin");
        assertTrue(form.startsWith("HTTP/1.1 413"), form);
    }

    @Test
    void aJsonBodyOfUnknownLengthIsRefusedWith411() throws IOException {
        String answer = rawRequest("POST /api/galleries HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"nam\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 411"), answer);
        assertTrue(answer.contains("\"code\":\"length_required\""), answer);
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsRefusedWith415() throws IOException {
        given().contentType("text/plain").body("{\"prompt\":\"a red circle\"}").post("/api/images")
                .then().statusCode(415).contentType("application/json").body("code", equalTo("unsupported_media_type"));
        String untyped = rawRequest("POST /api/images HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Length: 25\r\n\r\n{\"prompt\":\"a red circle\"}");
        assertTrue(untyped.startsWith("HTTP/1.1 415"), untyped);
        assertTrue(untyped.contains("\"code\":\"unsupported_media_type\""), untyped);
    }

    @Test
    void refusalsOfTheRestLayerCarryTheJsonError() {
        given().get("/api/images").then().statusCode(405).contentType("application/json")
                .body("code", equalTo("method_not_allowed"));
        given().get("/api/galleries/abc?limit=lots").then().statusCode(404);   // limit is an int: no such resource
        given().get("/api/no-such-thing").then().statusCode(404).contentType("application/json")
                .body("code", equalTo("not_found"));
    }

    @Test
    void everyPageForbidsFramingSniffingAndForeignScripts() {
        for (String path : new String[] {"/", "/explore", "/admin/login", "/api/galleries/mine"}) {
            Response response = given().get(path).then().extract().response();
            String csp = response.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-eval"), csp);
            assertEquals("DENY", response.header("X-Frame-Options"), path);
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", response.header("Referrer-Policy"), path);
        }
    }

    @Test
    void shareLinksNeverTakeTheHostTheClientNamed() {
        Response created = given().header("Host", "evil.example").contentType("application/json")
                .body(Map.of("name", "host check")).post("/api/galleries").then().statusCode(201).extract().response();
        String shareUrl = created.path("shareUrl");
        assertTrue(shareUrl.startsWith("/g/"), shareUrl);
        assertFalse(created.header("Location").contains("evil.example"), created.header("Location"));
        given().header("Host", "evil.example").get(shareUrl).then().statusCode(200)
                .body(containsString("content=\"" + shareUrl + "\""))
                .body(org.hamcrest.Matchers.not(containsString("evil.example")));
        given().get("/api/galleries/" + created.path("slug")).then().body("shareUrl", startsWith("/g/"));
    }

    /** Sends bytes as written and reads the answer until the server closes or stops sending. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // the server kept the connection open after its answer; what came is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
