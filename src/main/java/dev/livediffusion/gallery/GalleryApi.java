package dev.livediffusion.gallery;

import dev.livediffusion.http.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The scripting API: create galleries, add items (generated or uploaded), list them. */
@PermitAll
@Path("/api/galleries")
@Produces(MediaType.APPLICATION_JSON)
public class GalleryApi {

    private static final int MAX_LIMIT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GalleryService galleries;
    private final ItemStore items;
    private final GalleryConfig config;

    @Context
    HttpHeaders headers;
    @Context
    HttpServerRequest request;

    public GalleryApi(GalleryService galleries, ItemStore items, GalleryConfig config) {
        this.galleries = galleries;
        this.items = items;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(GalleryJson.CreateRequest request) {
        if (request == null) {
            throw new InvalidInputException("send {\"name\": ...}");
        }
        GalleryService.Created created = galleries.create(client(), request.name(), visibility(request.visibility())
                .orElse(Visibility.UNLISTED));
        String slug = created.gallery().slug();
        String shareUrl = links().absolute(Links.share(slug));
        return createdResponse(shareUrl)
                .cookie(EditTokens.cookie(slug, created.editToken()))
                .entity(new GalleryJson.Created(slug, shareUrl, created.editToken()))
                .build();
    }

    /** The galleries this browser created (it holds their edit cookies), for the live page's save panel. */
    @GET
    @Path("mine")
    public List<GalleryJson.Summary> mine() {
        Links links = links();
        return galleries.editableAmong(EditTokens.cookieSlugs(headers), slug -> EditTokens.of(headers, slug)).stream()
                .map(g -> GalleryJson.Summary.of(g, links)).toList();
    }

    @GET
    @Path("{slug}")
    public GalleryJson.Listing list(@PathParam("slug") String slug, @QueryParam("before") Long before,
                                    @QueryParam("limit") @DefaultValue("50") int limit) {
        Gallery gallery = galleries.find(slug);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit is 1 to " + MAX_LIMIT);
        }
        List<Item> found = items.items(gallery.id(), before == null ? Long.MAX_VALUE : before, limit);
        Links links = links();
        String next = found.size() < limit ? null
                : links.absolute("/api/galleries/" + slug + "?limit=" + limit + "&before=" + found.get(found.size() - 1).id());
        return new GalleryJson.Listing(slug, gallery.name(), gallery.visibility().value(),
                links.absolute(Links.share(slug)), gallery.itemCount(), gallery.createdAt(),
                found.stream().map(item -> GalleryJson.ItemView.of(slug, item, links)).toList(), next);
    }

    @PATCH
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GalleryJson.Summary update(@PathParam("slug") String slug, GalleryJson.UpdateRequest request) {
        Gallery gallery = galleries.editable(slug, token(slug));
        if (request == null) {
            throw new InvalidInputException("send {\"name\": ..., \"visibility\": ...}");
        }
        return GalleryJson.Summary.of(galleries.update(gallery, Optional.ofNullable(request.name()),
                visibility(request.visibility())), links());
    }

    @DELETE
    @Path("{slug}")
    public Response delete(@PathParam("slug") String slug) {
        galleries.delete(galleries.editable(slug, token(slug)));
        return Response.noContent().cookie(EditTokens.expired(slug)).build();
    }

    /** Generates the picture for a prompt and seed with the app's model and saves it. */
    @POST
    @Path("{slug}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@PathParam("slug") String slug, GalleryJson.GenerateRequest request) {
        Gallery gallery = galleries.editable(slug, token(slug));
        if (request == null) {
            throw new InvalidInputException("send {\"prompt\": ..., \"seed\": ...}");
        }
        return saved(gallery, galleries.addGenerated(client(), gallery, request.prompt(), request.seed()));
    }

    /** Saves frames as the live page showed them: a multipart "meta" JSON part and one "frame" part per frame. */
    @POST
    @Path("{slug}/items")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("slug") String slug, @RestForm("meta") FileUpload meta,
                           @RestForm("frame") List<FileUpload> frames) {
        Gallery gallery = galleries.editable(slug, token(slug));
        if (meta == null || frames == null) {
            throw new InvalidInputException("send a 'meta' JSON file part and one 'frame' file part per frame");
        }
        ItemValidator.UploadMeta parsed;
        try {
            parsed = JSON.readValue(meta.uploadedFile().toFile(), ItemValidator.UploadMeta.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("meta is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return saved(gallery, galleries.addUploaded(client(), gallery, parsed,
                frames.stream().map(FileUpload::uploadedFile).toList()));
    }

    @DELETE
    @Path("{slug}/items/{id}")
    public Response deleteItem(@PathParam("slug") String slug, @PathParam("id") long id) {
        galleries.deleteItem(galleries.editable(slug, token(slug)), id);
        return Response.noContent().build();
    }

    private String client() {
        return ClientAddress.of(request);
    }

    private Response saved(Gallery gallery, Item saved) {
        GalleryJson.ItemView view = GalleryJson.ItemView.of(gallery.slug(), saved, links());
        return createdResponse(view.pageUrl()).entity(view).build();
    }

    /** 201 with the Location as written: JAX-RS would make a relative one absolute from the request's Host. */
    private static Response.ResponseBuilder createdResponse(String location) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location);
    }

    private Optional<String> token(String slug) {
        return EditTokens.of(headers, slug);
    }

    private Links links() {
        return Links.of(config);
    }

    private static Optional<Visibility> visibility(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(Visibility.parse(value)
                .orElseThrow(() -> new InvalidInputException("visibility is 'unlisted' or 'public'")));
    }
}
