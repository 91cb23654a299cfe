package dev.livediffusion.admin.moderation;

import jakarta.annotation.security.RolesAllowed;
import dev.livediffusion.admin.auth.AdminIdentity;
import dev.livediffusion.gallery.TakedownStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;

/** Galleries and their items for moderators: newest first, search by prompt, hide, show again or delete. */
@RolesAllowed(AdminIdentity.ROLE)
@Path("/admin")
public class GalleriesPage {

    private static final Logger LOG = Logger.getLogger(GalleriesPage.class);
    private static final int LIMIT = 100;

    @CheckedTemplate(basePath = "admin/galleries")
    static class Templates {
        static native TemplateInstance page(String q, List<TakedownStore.ItemRow> items,
                                            List<TakedownStore.GalleryRow> galleries);
    }

    @Inject
    TakedownStore store;

    @GET
    @Path("galleries")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("q") String q) {
        String search = q == null ? "" : q.strip();
        return Templates.page(search, store.items(search, LIMIT), store.galleries(search, LIMIT));
    }

    @GET
    @Path("items/{id}/cover")
    public Response cover(@PathParam("id") long id) {
        return store.cover(id).map(frame -> Response.ok(frame.bytes(), frame.mime()).header("Cache-Control", "private, no-store"))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)).build();
    }

    @POST
    @Path("items/{id}/hide")
    public Response hideItem(@PathParam("id") long id) {
        return done(store.setItemHidden(id, true), "item", id, "hidden");
    }

    @POST
    @Path("items/{id}/show")
    public Response showItem(@PathParam("id") long id) {
        return done(store.setItemHidden(id, false), "item", id, "shown again");
    }

    @POST
    @Path("items/{id}/delete")
    public Response deleteItem(@PathParam("id") long id) {
        return done(store.deleteItem(id), "item", id, "deleted");
    }

    @POST
    @Path("galleries/{id}/hide")
    public Response hideGallery(@PathParam("id") long id) {
        return done(store.setGalleryHidden(id, true), "gallery", id, "hidden");
    }

    @POST
    @Path("galleries/{id}/show")
    public Response showGallery(@PathParam("id") long id) {
        return done(store.setGalleryHidden(id, false), "gallery", id, "shown again");
    }

    @POST
    @Path("galleries/{id}/delete")
    public Response deleteGallery(@PathParam("id") long id) {
        return done(store.deleteGallery(id), "gallery", id, "deleted");
    }

    private static Response done(boolean found, String what, long id, String action) {
        if (!found) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .entity("no " + what + " " + id + " (it may have been deleted already)").build();
        }
        LOG.infof("moderation: %s %d %s", what, id, action);
        return Response.seeOther(URI.create("/admin/galleries")).build();
    }
}
