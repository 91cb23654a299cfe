package dev.livediffusion.admin.settings;

import jakarta.annotation.security.RolesAllowed;
import dev.livediffusion.admin.auth.AdminIdentity;
import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.prompt.PromptPolicy;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;

/**
 * The live channel's limits and the prompt length that matter in operation, changed while running on every instance
 * ({@link SharedSettings}).
 */
@RolesAllowed(AdminIdentity.ROLE)
@Path("/admin/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPage {

    private static final Logger LOG = Logger.getLogger(SettingsPage.class);

    @CheckedTemplate(basePath = "admin/settings")
    static class Templates {
        static native TemplateInstance page(SettingsForm form, boolean saved);
    }

    @Inject
    LiveSettings settings;
    @Inject
    PromptPolicy policy;
    @Inject
    SharedSettings shared;

    @GET
    public TemplateInstance page(@QueryParam("saved") String saved) {
        return Templates.page(SettingsForm.of(settings, policy), saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("messagesPerSecond") String messagesPerSecond,
                         @FormParam("maxConnections") String maxConnections,
                         @FormParam("maxPromptChars") String maxPromptChars,
                         @FormParam("seedMode") String seedMode,
                         @FormParam("defaultSeed") String defaultSeed,
                         @FormParam("maxBatch") String maxBatch,
                         @FormParam("maxClips") String maxVideos) {
        SettingsForm form = SettingsForm.submitted(messagesPerSecond, maxConnections, maxPromptChars, seedMode, defaultSeed,
                maxBatch, maxVideos).validated();
        if (!form.errors().isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.page(form, false)).build();
        }
        shared.save(form);
        LOG.infof("live settings changed: %d messages/s, %d connections, %d prompt characters, seed %s %s,"
                        + " %d prompts per engine call, %d clips at once", settings.messagesPerSecond(),
                settings.maxConnections(), policy.maxChars(), settings.seedMode(), settings.defaultSeed(),
                settings.maxBatch(), settings.maxVideos());
        return Response.seeOther(URI.create("/admin/settings?saved")).build();
    }

    @POST
    @Path("reset")
    public Response reset() {
        shared.reset();
        LOG.info("live settings reset to the configured values");
        return Response.seeOther(URI.create("/admin/settings?saved")).build();
    }
}
