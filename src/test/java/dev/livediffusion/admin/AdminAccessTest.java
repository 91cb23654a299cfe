package dev.livediffusion.admin;

import dev.livediffusion.admin.dashboard.DashboardPage;
import dev.livediffusion.admin.moderation.BlocklistPage;
import dev.livediffusion.admin.moderation.GalleriesPage;
import dev.livediffusion.admin.moderation.SessionsPage;
import dev.livediffusion.admin.settings.SettingsPage;
import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.moderation.PromptBlocklist;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every admin URL is closed to anonymous requests, and every state change needs the CSRF token. */
@QuarkusTest
class AdminAccessTest {

    /** The resource classes serving /admin; their endpoints are read off the annotations, so none is forgotten. */
    static final List<Class<?>> ADMIN_RESOURCES = List.of(DashboardPage.class, SettingsPage.class, SessionsPage.class,
            BlocklistPage.class, GalleriesPage.class);

    record Endpoint(String method, String path) {
    }

    @Inject
    LiveSettings settings;
    @Inject
    PromptBlocklist blocklist;

    static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : ADMIN_RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST" : null;
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String path = (base + (sub == null ? "" : "/" + sub.value())).replaceAll("\\{[^}]+}", "1");
                    endpoints.add(new Endpoint(verb, path));
                }
            }
        }
        endpoints.add(new Endpoint("POST", "/admin/logout"));
        return endpoints;
    }

    @Test
    void everyAdminUrlRefusesAnAnonymousRequest() {
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() >= 8, "endpoints found: " + endpoints);
        for (Endpoint endpoint : endpoints) {
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
        for (Endpoint endpoint : endpoints()) {
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
}
