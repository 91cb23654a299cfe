package dev.livediffusion.gallery;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Public galleries with something in them, newest first; unlisted ones never appear here. */
@PermitAll
@Path("/explore")
@Produces(MediaType.TEXT_HTML)
public class ExplorePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance explore(List<GalleryCard> galleries, Long next);
    }

    private final GalleryStore store;
    private final GalleryConfig config;

    public ExplorePage(GalleryStore store, GalleryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    public TemplateInstance explore(@QueryParam("before") Long before) {
        int size = config.pageSize();
        List<GalleryCard> found = store.publicCards(before == null ? Long.MAX_VALUE : before, size + 1);
        Long next = found.size() > size ? found.get(size - 1).gallery().id() : null;
        return Templates.explore(found.subList(0, Math.min(found.size(), size)), next);
    }
}
