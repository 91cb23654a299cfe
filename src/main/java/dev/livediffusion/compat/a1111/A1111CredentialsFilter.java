package dev.livediffusion.compat.a1111;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * A1111 started without {@code --api-auth} ignores the Basic credentials its clients send (SillyTavern and
 * webuiapi send the ones configured for any server). Here they would reach the admin area's user-and-password
 * check, which refuses them with 401 before any route: so they are dropped from {@code /sdapi/} requests before
 * authentication runs. The A1111 routes need no identity ({@code @PermitAll}).
 */
@ApplicationScoped
public class A1111CredentialsFilter {

    /** Below CORS (300), above authentication (200). */
    static final int PRIORITY = 250;

    void register(@Observes Filters filters) {
        filters.register(this::dropBasicCredentials, PRIORITY);
    }

    private void dropBasicCredentials(RoutingContext routing) {
        String path = routing.request().path();
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (path != null && path.startsWith("/sdapi/") && authorization != null
                && authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            routing.request().headers().remove(HttpHeaders.AUTHORIZATION);
        }
        routing.next();
    }
}
