package dev.livediffusion.admin.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * CSRF protection for every endpoint that needs the admin role (decided by the endpoint's own
 * {@link RolesAllowed}, not by its path): a POST/PUT/PATCH/DELETE must send the token of the login it is made
 * with ({@link AdminSessions.Session#csrfToken()}, put into each admin page) in the {@value #HEADER} header
 * (htmx, via {@code hx-headers}) or the {@value #FIELD} form field, else 403. A token of another login, or
 * one made up, never passes.
 */
public class CsrfProtection {

    public static final String HEADER = "X-CSRF-Token";
    public static final String FIELD = "csrf-token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext request, ResourceInfo resource, RoutingContext routing) {
        if (SAFE_METHODS.contains(request.getMethod()) || !needsAdmin(resource)) {
            return null;
        }
        Optional<String> expected = AdminIdentity.csrfToken(routing);
        String sent = sentToken(request);
        if (expected.isEmpty() || sent == null || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("This request lacks the page's security token (CSRF); reload the page and try again.")
                    .build();
        }
        return null;
    }

    private static boolean needsAdmin(ResourceInfo resource) {
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles != null;
    }

    private static String sentToken(ResteasyReactiveContainerRequestContext request) {
        String sent = request.getHeaderString(HEADER);
        if (sent != null) {
            return sent;
        }
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FIELD, true, false);
        return field == null ? null : field.toString();
    }
}
