package dev.livediffusion.gallery;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The galleries this browser can edit (it holds their edit cookies): the page form of GET /api/galleries/mine. */
@PermitAll
@Path("/mine")
@Produces(MediaType.TEXT_HTML)
public class MyGalleriesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mine(List<GalleryCard> galleries);
    }

    private final GalleryService galleries;

    @Context
    HttpHeaders headers;

    public MyGalleriesPage(GalleryService galleries) {
        this.galleries = galleries;
    }

    @GET
    public TemplateInstance mine() {
        return Templates.mine(galleries.editableCardsAmong(EditTokens.cookieSlugs(headers),
                slug -> EditTokens.of(headers, slug)));
    }
}
