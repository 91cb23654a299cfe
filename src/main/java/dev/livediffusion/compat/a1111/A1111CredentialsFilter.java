package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A1111's {@code --api-auth} on {@code /sdapi/}: where {@code app.a1111.api-auth} is set, a request without one of
 * its user:password pairs as Basic credentials is refused with A1111's 401. Either way the Basic credentials are
 * then dropped before authentication runs: A1111 without {@code --api-auth} ignores those its clients send
 * (SillyTavern and webuiapi send the ones configured for any server), and here they would reach the admin area's
 * password check, which refuses them before any route. The A1111 routes need no identity ({@code @PermitAll}).
 */
@ApplicationScoped
public class A1111CredentialsFilter {

    /** Below CORS (300), above authentication (200). */
    static final int PRIORITY = 250;
    private static final String BASIC = "basic ";
    private static final String REFUSAL = refusal();

    private final List<byte[]> accepted;

    A1111CredentialsFilter(A1111Config config) {
        accepted = config.apiAuth().orElse(List.of()).stream().map(pair -> pair.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext routing) {
        String path = routing.request().path();
        if (path == null || !path.startsWith("/sdapi/")) {
            routing.next();
            return;
        }
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BASIC);
        if (!accepted.isEmpty() && !(basic && accepts(authorization.substring(BASIC.length()).strip()))) {
            routing.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(REFUSAL);
            return;
        }
        if (basic) {
            routing.request().headers().remove(HttpHeaders.AUTHORIZATION);
        }
        routing.next();
    }

    /** Compared in constant time, so the time taken tells nothing of the pairs. */
    private boolean accepts(String base64) {
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean match = false;
        for (byte[] pair : accepted) {
            match |= MessageDigest.isEqual(pair, sent);
        }
        return match;
    }

    private static String refusal() {
        try {
            return new ObjectMapper().writeValueAsString(new A1111Error("HTTPException",
                    "Incorrect username or password", "", "401: Incorrect username or password"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
