package dev.livediffusion.admin.auth;

import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.security.Form;
import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Quarkus' form login for the admin area, set up in code because that is the only way to hand it the
 * {@link SessionCookieKey} from the database at run time. Quarkus refuses a form login set up in code while any
 * quarkus.http.auth.form.* property is set, so its settings are here and not in application.properties.
 */
@ApplicationScoped
public class FormLogin {

    static final String COOKIE_NAME = "admin-session";
    static final String COOKIE_PATH = "/admin";
    /** Idle time after which the cookie is no longer accepted; {@link AdminSessions#MAX_AGE} bounds a login in all. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    void configure(@Observes HttpSecurity http, SessionCookieKey key) {
        http.mechanism(Form.builder()
                .loginPage("/admin/login")
                .errorPage("/admin/login?error=1")
                .landingPage("/admin")
                .postLocation("/admin/login")
                .cookieName(COOKIE_NAME)
                .cookiePath(COOKIE_PATH)
                .httpOnlyCookie()
                .cookieSameSite(FormAuthConfig.CookieSameSite.STRICT)
                .timeout(IDLE_TIMEOUT)
                .encryptionKey(key.value())
                .build());
    }
}
