package dev.livediffusion.admin.moderation;

import jakarta.annotation.security.RolesAllowed;
import dev.livediffusion.admin.auth.AdminIdentity;
import dev.livediffusion.live.LiveSessionInfo;
import dev.livediffusion.live.LiveSessions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;

/** Open live connections, each with a button that closes it. */
@RolesAllowed(AdminIdentity.ROLE)
@Path("/admin/sessions")
@Produces(MediaType.TEXT_HTML)
public class SessionsPage {

    private static final Logger LOG = Logger.getLogger(SessionsPage.class);

    @CheckedTemplate(basePath = "admin/sessions")
    static class Templates {
        static native TemplateInstance page(List<LiveSessionInfo> sessions);
    }

    @Inject
    LiveSessions sessions;

    @GET
    public TemplateInstance page() {
        return Templates.page(sessions.list());
    }

    @POST
    @Path("{id}/disconnect")
    public Response disconnect(@PathParam("id") String id) {
        if (!sessions.disconnect(id)) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .entity("no open live connection " + id + " (it may have closed already)").build();
        }
        LOG.infof("live connection %s disconnected by an administrator", id);
        return Response.seeOther(URI.create("/admin/sessions")).build();
    }
}
