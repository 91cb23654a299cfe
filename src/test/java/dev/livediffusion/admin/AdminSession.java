package dev.livediffusion.admin;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A logged-in administrator over plain HTTP, as a browser would be: the login cookie plus the page's CSRF token. */
public final class AdminSession {

    /** The password whose hash %test.app.admin.password-hash holds. */
    public static final String PASSWORD = "test-admin-password";
    private static final Pattern TOKEN_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    public final String sessionCookie;
    public final String csrfToken;

    private AdminSession(String sessionCookie, String csrfToken) {
        this.sessionCookie = sessionCookie;
        this.csrfToken = csrfToken;
    }

    public static AdminSession logIn() {
        Response login = login(PASSWORD, null);
        assertEquals(302, login.statusCode(), "the right password gets in");
        assertTrue(login.header("Location").endsWith("/admin"), login.header("Location"));
        String session = login.cookie("admin-session");
        assertNotNull(session, "a login cookie was issued");
        Response page = RestAssured.given().redirects().follow(false).cookie("admin-session", session).get("/admin");
        assertEquals(200, page.statusCode());
        Matcher field = TOKEN_FIELD.matcher(page.asString());
        assertTrue(field.find(), "the page carries the CSRF token");
        return new AdminSession(session, field.group(1));
    }

    /** Posts the login form; {@code forwardedFor} pretends another client address (tests trust X-Forwarded-For). */
    public static Response login(String password, String forwardedFor) {
        RequestSpecification request = RestAssured.given().redirects().follow(false)
                .formParam("j_username", "admin").formParam("j_password", password);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/admin/login");
    }

    /** Logged in, cookies only: no CSRF token sent. */
    public RequestSpecification withoutToken() {
        return RestAssured.given().redirects().follow(false).cookie("admin-session", sessionCookie);
    }

    /** Logged in, with the token as a form field, as the admin pages' forms send it. */
    public RequestSpecification form() {
        return withoutToken().formParam("csrf-token", csrfToken);
    }

    /** Logged in, with the token in the header, as htmx sends it. */
    public RequestSpecification htmx() {
        return withoutToken().header("X-CSRF-Token", csrfToken);
    }
}
