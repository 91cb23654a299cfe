package dev.livediffusion.gallery;

import dev.livediffusion.http.PageText;
import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/** The read-only share pages (anyone with the link) and the creator's htmx edits on them. */
@PermitAll
@Path("/g/{slug}")
@Produces(MediaType.TEXT_HTML)
public class GalleryPages {

    @CheckedTemplate
    static class Templates {
        /** @param editToken the owner's own token, shown to them to take editing to another browser; else null */
        static native TemplateInstance gallery(Gallery gallery, Page page, boolean canEdit, String shareUrl,
                                               String previewImage, String previewText, String editToken);

        static native TemplateInstance gallery$cards(Gallery gallery, Page page, boolean canEdit);

        static native TemplateInstance gallery$head(Gallery gallery, boolean canEdit);

        static native TemplateInstance item(Gallery gallery, ItemCard card, boolean canEdit, String shareUrl,
                                            String previewImage);
    }

    /** One page of cards and the cursor of the next, if any. */
    public record Page(List<ItemCard> cards, Long next) {
    }

    private final GalleryService galleries;
    private final ItemStore items;
    private final GalleryConfig config;

    @Context
    HttpHeaders headers;
    @Context
    HttpServerResponse response;

    public GalleryPages(GalleryService galleries, ItemStore items, GalleryConfig config) {
        this.galleries = galleries;
        this.items = items;
        this.config = config;
    }

    @GET
    public TemplateInstance gallery(@PathParam("slug") String slug, @QueryParam("before") Long before) {
        Gallery gallery = galleries.find(slug);
        Page page = page(gallery, before);
        Links links = Links.of(config);
        Optional<ItemCard> newest = page.cards().stream().findFirst();
        String previewText = newest.map(c -> PageText.counted(gallery.itemCount(), "picture") + " · latest: " + c.item().prompt())
                .orElse("An empty gallery");
        boolean canEdit = canEdit(slug);
        if (canEdit) {
            response.putHeader("Cache-Control", "private, no-store");   // the page shows the edit token
        }
        return Templates.gallery(gallery, page, canEdit, links.absolute(Links.share(slug)),
                newest.map(c -> links.absolute(c.coverUrl())).orElse(null), previewText,
                canEdit ? EditTokens.of(headers, slug).orElseThrow() : null);
    }

    /** The next cards for infinite scroll (htmx swaps them in place of the "more" marker). */
    @GET
    @Path("cards")
    public TemplateInstance cards(@PathParam("slug") String slug, @QueryParam("before") Long before) {
        Gallery gallery = galleries.find(slug);
        return Templates.gallery$cards(gallery, page(gallery, before), canEdit(slug));
    }

    @GET
    @Path("i/{id}")
    public TemplateInstance item(@PathParam("slug") String slug, @PathParam("id") long id) {
        Gallery gallery = galleries.find(slug);
        ItemCard card = ItemCard.of(slug, galleries.item(gallery, id));
        Links links = Links.of(config);
        return Templates.item(gallery, card, canEdit(slug), links.absolute(card.pageUrl()), links.absolute(card.coverUrl()));
    }

    @POST
    @Path("settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance settings(@PathParam("slug") String slug, @FormParam("name") String name,
                                     @FormParam("visibility") String visibility) {
        Gallery gallery = galleries.editable(slug, EditTokens.of(headers, slug));
        Optional<Visibility> chosen = Optional.ofNullable(visibility).map(v -> Visibility.parse(v)
                .orElseThrow(() -> new InvalidInputException("visibility is 'unlisted' or 'public'")));
        return Templates.gallery$head(galleries.update(gallery, Optional.ofNullable(name), chosen), true);
    }

    /** Lets a browser edit with a token it got elsewhere (the API, another device): checked, then kept as a cookie. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("slug") String slug, @FormParam("token") String token) {
        Gallery gallery = galleries.find(slug);
        String given = token == null ? "" : token.strip();
        if (!galleries.canEdit(slug, Optional.of(given))) {
            throw new EditRefusedException();
        }
        return Response.ok().header("HX-Refresh", "true").cookie(EditTokens.cookie(gallery.slug(), given)).build();
    }

    /** Deletes one item; htmx removes its card (the button asked for confirmation first). */
    @DELETE
    @Path("i/{id}")
    public String deleteItem(@PathParam("slug") String slug, @PathParam("id") long id) {
        galleries.deleteItem(galleries.editable(slug, EditTokens.of(headers, slug)), id);
        return "";
    }

    @DELETE
    public Response deleteGallery(@PathParam("slug") String slug) {
        galleries.delete(galleries.editable(slug, EditTokens.of(headers, slug)));
        return Response.ok().header("HX-Redirect", "/").cookie(EditTokens.expired(slug)).build();
    }

    private Page page(Gallery gallery, Long before) {
        int size = config.pageSize();
        List<Item> found = items.items(gallery.id(), before == null ? Long.MAX_VALUE : before, size + 1);
        Long next = found.size() > size ? found.get(size - 1).id() : null;
        List<ItemCard> cards = found.subList(0, Math.min(found.size(), size)).stream()
                .map(item -> ItemCard.of(gallery.slug(), item)).toList();
        return new Page(cards, next);
    }

    private boolean canEdit(String slug) {
        return galleries.canEdit(slug, EditTokens.of(headers, slug));
    }
}
