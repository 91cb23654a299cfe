package dev.livediffusion.admin.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Double-submit CSRF protection for everything under /admin: a page view gets a random token in an
 * HttpOnly, SameSite=Strict cookie and in the page; every POST/PUT/PATCH/DELETE must send it back in the
 * {@value #HEADER} header (htmx, via {@code hx-headers}) or the {@value #FIELD} form field, else 403.
 */
public class CsrfProtection {

    public static final String HEADER = "X-CSRF-Token";
    public static final String FIELD = "csrf-token";
    static final String COOKIE = "admin-csrf";
    static final String TOKEN_KEY = CsrfProtection.class.getName();
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ServerRequestFilter(readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        if (!isAdmin(routing.normalizedPath())) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(COOKIE);
        String expected = cookie == null ? null : cookie.getValue();
        if (SAFE_METHODS.contains(request.getMethod())) {
            routing.put(TOKEN_KEY, expected != null && expected.length() == 43 ? expected : issue(routing));
            return null;
        }
        String sent = request.getHeaderString(HEADER);
        if (sent == null) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FIELD, true, false);
            sent = field == null ? null : field.toString();
        }
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("This request lacks the page's security token (CSRF); reload the page and try again.")
                    .build();
        }
        routing.put(TOKEN_KEY, expected);
        return null;
    }

    static boolean isAdmin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    private static String issue(RoutingContext routing) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        routing.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/admin").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL()));
        return token;
    }

    /** The token to put into the page being rendered for this request. */
    static String token(RoutingContext routing) {
        return routing.get(TOKEN_KEY);
    }
}
