package dev.livediffusion.admin.auth;

import io.quarkus.qute.CheckedTemplate;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The login form (the only page under /admin open to everyone); Quarkus' form authentication takes its POST
 * to /admin/login. Logging out ends the login on the server and clears its cookie.
 */
@Path("/admin")
public class LoginPage {

    @CheckedTemplate(basePath = "admin/login")
    static class Templates {
        static native TemplateInstance page(boolean failed, long lockedSeconds);
    }

    @Inject
    LoginThrottle throttle;
    @Inject
    AdminSessions sessions;

    /**
     * An htmx request that lands here (a panel polling after the login expired) gets no form to swap into the
     * panel: HX-Refresh reloads the whole page, which comes back through the login and then to that page.
     */
    @GET
    @PermitAll
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("error") String error, @HeaderParam("HX-Request") String htmx,
                         RoutingContext routing) {
        if ("true".equals(htmx)) {
            return Response.ok().header("HX-Refresh", "true").build();
        }
        long locked = throttle.lockedFor(AdminIdentityProvider.clientAddress(routing)).toSeconds();
        return Response.ok(Templates.page(error != null, locked > 0 ? locked + 1 : 0)).build();
    }

    @POST
    @RolesAllowed(AdminIdentity.ROLE)
    @Path("logout")
    public Response logout(RoutingContext routing) {
        AdminIdentity.sessionId(routing).ifPresent(sessions::close);
        FormAuthenticationMechanism.logout(routing);
        return Response.seeOther(URI.create("/admin/login")).build();
    }
}
