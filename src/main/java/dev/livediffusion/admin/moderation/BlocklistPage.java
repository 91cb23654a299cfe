package dev.livediffusion.admin.moderation;

import jakarta.annotation.security.RolesAllowed;
import dev.livediffusion.admin.auth.AdminIdentity;
import dev.livediffusion.blocklist.BlockRule;
import dev.livediffusion.blocklist.PromptBlocklist;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;

/** The prompt blocklist: words and regular expressions refused in live prompts, the REST API and galleries. */
@RolesAllowed(AdminIdentity.ROLE)
@Path("/admin/blocklist")
@Produces(MediaType.TEXT_HTML)
public class BlocklistPage {

    private static final Logger LOG = Logger.getLogger(BlocklistPage.class);

    @CheckedTemplate(basePath = "admin/blocklist")
    static class Templates {
        static native TemplateInstance page(List<BlockRule> rules, String error, String kind, String value);
    }

    @Inject
    PromptBlocklist blocklist;

    @GET
    public TemplateInstance page() {
        return Templates.page(blocklist.rules(), "", "word", "");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("kind") String kind, @FormParam("value") String value) {
        try {
            BlockRule rule = blocklist.add(BlockRule.Kind.parse(kind), value);
            LOG.infof("blocklist: added %s \"%s\"", rule.kind().label(), rule.value());
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.page(blocklist.rules(), e.getMessage(), kind, value)).build();
        }
        return Response.seeOther(URI.create("/admin/blocklist")).build();
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@FormParam("kind") String kind, @FormParam("value") String value) {
        try {
            if (!blocklist.remove(BlockRule.Kind.parse(kind), value)) {
                return Response.status(Response.Status.NOT_FOUND).entity(Templates.page(blocklist.rules(),
                        "\"" + value + "\" is not on the blocklist", "word", "")).build();
            }
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.page(blocklist.rules(), e.getMessage(), "word", "")).build();
        }
        LOG.infof("blocklist: removed %s \"%s\"", kind, value);
        return Response.seeOther(URI.create("/admin/blocklist")).build();
    }
}
