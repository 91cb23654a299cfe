package dev.livediffusion.admin;

import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.blocklist.PromptBlocklist;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every admin URL is closed to anonymous requests, and every state change needs the CSRF token. */
@QuarkusTest
class AdminAccessTest {

    @Inject
    LiveSettings settings;
    @Inject
    PromptBlocklist blocklist;

    /** The admin-only endpoints the application registered (logout included). */
    static List<AdminRoutes.Endpoint> endpoints() {
        return AdminRoutes.underAdmin(Map.of()).stream().filter(AdminRoutes.Endpoint::adminOnly).toList();
    }

    @Test
    void everyAdminUrlRefusesAnAnonymousRequest() {
        List<AdminRoutes.Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() >= 8, "endpoints found: " + endpoints);
        for (AdminRoutes.Endpoint endpoint : endpoints) {
            Response response = RestAssured.given().redirects().follow(false).request(endpoint.method(), endpoint.path());
            assertTrue(response.statusCode() == 302 || response.statusCode() == 401, endpoint + " gave " + response.statusCode());
            if (response.statusCode() == 302) {
                assertTrue(response.header("Location").contains("/admin/login"), endpoint + " → " + response.header("Location"));
            }
        }
    }

    @Test
    void everyStateChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        AdminSession admin = AdminSession.logIn();
        int connections = settings.maxConnections();
        int rules = blocklist.rules().size();
        for (AdminRoutes.Endpoint endpoint : endpoints()) {
            if (endpoint.method().equals("POST")) {
                admin.withoutToken().formParam("maxConnections", "3").formParam("kind", "word").formParam("value", "csrf")
                        .post(endpoint.path()).then().statusCode(403);
                admin.withoutToken().header("X-CSRF-Token", "forged-token-of-the-right-length-000000000000")
                        .formParam("maxConnections", "3").post(endpoint.path()).then().statusCode(403);
            }
        }
        assertEquals(connections, settings.maxConnections());
        assertEquals(rules, blocklist.rules().size());
        admin.withoutToken().get("/admin").then().statusCode(200);
    }

    @Test
    void theRightPasswordGetsInAndAWrongOneDoesNot() {
        Response wrong = AdminSession.login("not-the-password", "10.1.1.1");
        assertEquals(302, wrong.statusCode());
        assertTrue(wrong.header("Location").contains("/admin/login?error"), wrong.header("Location"));
        assertEquals(null, wrong.cookie("admin-session"));

        AdminSession admin = AdminSession.logIn();
        admin.withoutToken().get("/admin").then().statusCode(200);
        admin.withoutToken().get("/admin/settings").then().statusCode(200);
    }

    @Test
    void logOutEndsTheSession() {
        AdminSession admin = AdminSession.logIn();
        Response out = admin.form().post("/admin/logout");
        assertEquals(303, out.statusCode());
        String cleared = out.cookie("admin-session");
        assertTrue(cleared == null || cleared.isEmpty(), "the login cookie is cleared: " + cleared);
        RestAssured.given().redirects().follow(false).get("/admin").then().statusCode(302);
    }

    @Test
    void repeatedFailuresLockTheAddressOutEvenWithTheRightPassword() {
        String attacker = "10.66.0.1";
        for (int i = 0; i < 5; i++) {
            AdminSession.login("guess-" + i, attacker);
        }
        Response locked = AdminSession.login(AdminSession.PASSWORD, attacker);
        assertTrue(locked.header("Location").contains("error"), "locked out: " + locked.header("Location"));
        assertEquals(null, locked.cookie("admin-session"));
        String page = RestAssured.given().header("X-Forwarded-For", attacker).get("/admin/login?error=1").asString();
        assertTrue(page.contains("Too many failed logins"), page);
        assertEquals(302, AdminSession.login(AdminSession.PASSWORD, "10.66.0.2").statusCode());
        assertFalse(AdminSession.login(AdminSession.PASSWORD, "10.66.0.2").header("Location").contains("error"));
    }

    @Test
    void aLoginCookieNoLongerWorksAfterLogOut() {
        AdminSession admin = AdminSession.logIn();
        admin.withoutToken().get("/admin/settings").then().statusCode(200);
        admin.form().post("/admin/logout").then().statusCode(303);
        Response copy = admin.withoutToken().get("/admin/settings");
        assertEquals(302, copy.statusCode(), "a copy of the cookie kept from before the log-out");
        assertTrue(copy.header("Location").contains("/admin/login"), copy.header("Location"));
        assertTrue(copy.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("admin-session=;")
                && c.contains("Max-Age=0")), "the ended login's cookie is cleared, so the login form opens: " + copy.headers());
        admin.form().formParam("maxConnections", "3").post("/admin/settings").then().statusCode(302);
    }

    @Test
    void aCsrfTokenPassesOnlyWithTheLoginItWasMadeFor() {
        AdminSession first = AdminSession.logIn();
        AdminSession second = AdminSession.logIn();
        assertFalse(first.csrfToken.equals(second.csrfToken), "each login has its own token");
        int connections = settings.maxConnections();
        first.withoutToken().formParam("csrf-token", second.csrfToken).formParam("maxConnections", "3")
                .post("/admin/settings").then().statusCode(403);
        first.withoutToken().cookie("admin-csrf", "x").formParam("csrf-token", "x").formParam("maxConnections", "3")
                .post("/admin/settings").then().statusCode(403);
        first.withoutToken().cookie("admin-csrf", "x").header("X-CSRF-Token", "x").post("/admin/logout").then().statusCode(403);
        assertEquals(connections, settings.maxConnections());
        first.withoutToken().get("/admin").then().statusCode(200);
    }
}
