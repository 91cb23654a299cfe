package dev.livediffusion.gallery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;

/** Saved images: stored bytes with their type, a content-hash ETag and a year of caching (items never change). */
@Path("/img/{slug}/{id}")
public class FrameResource {

    private static final String CACHE_A_YEAR = "public, max-age=31536000, immutable";

    private final GalleryService galleries;
    private final ItemStore items;

    @Context
    Request request;

    public FrameResource(GalleryService galleries, ItemStore items) {
        this.galleries = galleries;
        this.items = items;
    }

    @GET
    @Path("{position}")
    public Response frame(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("position") int position) {
        Gallery gallery = galleries.find(slug);
        Frame frame = items.frame(gallery.id(), id, position).orElseThrow(GalleryNotFoundException::new);
        EntityTag etag = new EntityTag(frame.sha256());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.header("Cache-Control", CACHE_A_YEAR).build();
        }
        return Response.ok(frame.bytes(), frame.mime()).tag(etag).header("Cache-Control", CACHE_A_YEAR)
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The item's picture with prompt, seed and model written into the file, as an attachment. */
    @GET
    @Path("download")
    public Response download(@PathParam("slug") String slug, @PathParam("id") long id) {
        Gallery gallery = galleries.find(slug);
        Item item = galleries.item(gallery, id);
        Frame frame = items.frame(gallery.id(), id, item.coverFrame()).orElseThrow(GalleryNotFoundException::new);
        byte[] bytes = DownloadMetadata.write(frame.mime(), frame.bytes(), DownloadMetadata.fields(item, frame.prompt()));
        String name = "live-diffusion-" + item.id() + "-seed" + item.seed() + (frame.mime().equals("image/png") ? ".png" : ".jpg");
        return Response.ok(bytes, frame.mime())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
