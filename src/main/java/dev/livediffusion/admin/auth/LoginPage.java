package dev.livediffusion.admin.auth;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The login form (the only page under /admin open to everyone); Quarkus' form authentication takes its POST
 * to /admin/login. Logging out clears the login cookie.
 */
@Path("/admin")
public class LoginPage {

    @CheckedTemplate(basePath = "admin/login")
    static class Templates {
        static native TemplateInstance page(boolean failed, long lockedSeconds);
    }

    @Inject
    LoginThrottle throttle;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("error") String error, RoutingContext routing) {
        long locked = throttle.lockedFor(AdminIdentityProvider.clientAddress(routing)).toSeconds();
        return Templates.page(error != null, locked > 0 ? locked + 1 : 0);
    }

    @POST
    @Path("logout")
    public Response logout(RoutingContext routing) {
        FormAuthenticationMechanism.logout(routing);
        return Response.seeOther(URI.create("/admin/login")).build();
    }
}
