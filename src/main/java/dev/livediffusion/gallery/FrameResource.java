package dev.livediffusion.gallery;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;

/**
 * Saved images: stored bytes with their type, a content-hash ETag and a year of caching (items never change), and
 * flipbooks as GIF or MP4 downloads. These methods block (database, encoding), so Quarkus REST runs them
 * on worker threads, never on the event loop.
 */
@PermitAll
@Path("/img/{slug}/{id}")
public class FrameResource {

    private static final String CACHE_A_YEAR = "public, max-age=31536000, immutable";

    private final GalleryService galleries;
    private final ItemStore items;
    private final FlipbookDownloads downloads;

    @Context
    Request request;

    public FrameResource(GalleryService galleries, ItemStore items, FlipbookDownloads downloads) {
        this.galleries = galleries;
        this.items = items;
        this.downloads = downloads;
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
        byte[] bytes = DownloadMetadata.write(frame.mime(), frame.bytes(), DownloadMetadata.fields(item, frame.prompt()),
                DownloadMetadata.infotext(item, frame.prompt()));
        return Response.ok(bytes, frame.mime())
                .header("Content-Disposition", attachment(item, frame.mime().equals("image/png") ? "png" : "jpg"))
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** A flipbook as an animated GIF, looping, with its prompt timeline in a comment. */
    @GET
    @Path("clip.gif")
    public Response gif(@PathParam("slug") String slug, @PathParam("id") long id) {
        return flipbookFile(slug, id, FlipbookDownloads.Format.GIF);
    }

    /** A flipbook as an H.264 MP4 with its prompt timeline as the comment. */
    @GET
    @Path("clip.mp4")
    public Response mp4(@PathParam("slug") String slug, @PathParam("id") long id) {
        return flipbookFile(slug, id, FlipbookDownloads.Format.MP4);
    }

    private Response flipbookFile(String slug, long id, FlipbookDownloads.Format format) {
        Gallery gallery = galleries.find(slug);
        Item item = galleries.item(gallery, id);
        if (item.kind() != ItemKind.FLIPBOOK) {
            throw new GalleryNotFoundException();
        }
        EntityTag etag = new EntityTag(downloads.etag(gallery, item, format));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.header("Cache-Control", CACHE_A_YEAR).build();
        }
        return Response.ok(downloads.encode(gallery, item, format), format.mime).tag(etag)
                .header("Cache-Control", CACHE_A_YEAR)
                .header("Content-Disposition", attachment(item, format.extension))
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** Only digits and fixed words in the name, so no header or path trickery can come from stored data. */
    private static String attachment(Item item, String extension) {
        return "attachment; filename=\"live-diffusion-" + item.id() + "-seed" + item.seed() + "." + extension + "\"";
    }
}
