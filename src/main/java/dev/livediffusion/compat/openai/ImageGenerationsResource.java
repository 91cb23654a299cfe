package dev.livediffusion.compat.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.gallery.Gallery;
import dev.livediffusion.gallery.GalleryConfig;
import dev.livediffusion.gallery.GalleryService;
import dev.livediffusion.gallery.Item;
import dev.livediffusion.gallery.Links;
import dev.livediffusion.gallery.QuotaExceededException;
import dev.livediffusion.http.ClientAddress;
import dev.livediffusion.http.JsonBodies;
import dev.livediffusion.compat.PngPictures;
import dev.livediffusion.database.StorageException;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.prompt.PromptPolicy;
import dev.livediffusion.prompt.PromptRefusedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenAI's {@code POST /v1/images/generations}, so OpenAI clients can draw here. Each picture has a random seed, as
 * OpenAI's do; its PNG carries prompt and seed (A1111's infotext). Asked for URLs, it saves the pictures in a new
 * unlisted gallery and answers their download links (never under the Host header). Errors take OpenAI's shape
 * (OpenAiError).
 */
@PermitAll
@Path("/v1/images/generations")
public class ImageGenerationsResource {

    /** OpenAI's answer: when, and each picture as base64. */
    public record Answer(long created, List<Map<String, String>> data) {
    }

    private static final Logger LOG = Logger.getLogger(ImageGenerationsResource.class);
    static final String GALLERY_NAME = "Pictures made through the OpenAI API";

    private final PngPictures pictures;
    private final PromptPolicy policy;
    private final GalleryService galleries;
    private final GalleryConfig galleryConfig;
    private final OpenAiConfig config;

    ImageGenerationsResource(PngPictures pictures, PromptPolicy policy, GalleryService galleries,
                             GalleryConfig galleryConfig, OpenAiConfig config) {
        this.pictures = pictures;
        this.policy = policy;
        this.galleries = galleries;
        this.galleryConfig = galleryConfig;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Answer generate(String body, @Context HttpServerRequest http) {
        ImageGenerationRequest request = ImageGenerationRequest.parse(object(body), policy, pictures.model(),
                config.modelAliases());
        return new Answer(Instant.now().getEpochSecond(),
                request.asUrl() ? saved(request, ClientAddress.of(http), links(http)) : inline(request));
    }

    private List<Map<String, String>> inline(ImageGenerationRequest request) {
        ImageParameters drawn = request.size().drawing(pictures.model(), null);
        List<Map<String, String>> data = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            byte[] png = made(() -> pictures.generate(request.prompt(), PngPictures.randomSeed(), drawn,
                    request.size(), null)).png();
            data.add(Map.of("b64_json", Base64.getEncoder().encodeToString(png)));
        }
        return data;
    }

    /**
     * The pictures saved in a new unlisted gallery that ends after {@code app.gallery.url-gallery-lifetime}, as
     * OpenAI's links do; their download links (which carry the infotext too).
     */
    private List<Map<String, String>> saved(ImageGenerationRequest request, String client, Links links) {
        ImageParameters drawn = request.size().drawing(pictures.model(), null);
        Gallery gallery = galleries.createExpiring(client, GALLERY_NAME).gallery();
        List<Map<String, String>> data = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            PngPictures.Picture picture = made(() -> pictures.generate(request.prompt(), PngPictures.randomSeed(),
                    drawn, request.size(), null));
            Item item = galleries.addPicture(client, gallery, request.prompt(), picture.infotext().seed(),
                    picture.infotext().model(), picture.plainPng());
            data.add(Map.of("url", links.absolute(Links.download(gallery.slug(), item.id()))));
        }
        return data;
    }

    /**
     * Links under {@code app.gallery.public-url}, else under this server's own port on localhost, which a client on
     * the same machine (LibreChat or Open WebUI beside it) downloads from; never under the request's Host header.
     */
    private Links links(HttpServerRequest http) {
        return galleryConfig.publicUrl().isPresent() ? Links.of(galleryConfig)
                : new Links((http.isSSL() ? "https" : "http") + "://localhost:" + http.localAddress().port());
    }

    /** Runs a generation; an engine failure becomes OpenAI's 500. */
    private static PngPictures.Picture made(Supplier<PngPictures.Picture> generation) {
        try {
            return generation.get();
        } catch (EngineBusyException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("generation failed", e);
            throw new OpenAiError.Refused(500, "server_error", null, "generation_failed", "The engine failed on this"
                    + " prompt: " + e.getMessage());
        }
    }

    @ServerExceptionMapper
    public Response refused(OpenAiError.Refused e) {
        return OpenAiError.response(e);
    }

    /** The prompt policy's code ("prompt_too_long", "blocked_prompt", …) as OpenAI's {@code code}. */
    @ServerExceptionMapper
    public Response refused(PromptRefusedException e) {
        return OpenAiError.response(400, "invalid_request_error", "prompt", e.code(), e.getMessage());
    }

    /** A url answer past a storage quota: OpenAI's rate limit where waiting helps, else its server error. */
    @ServerExceptionMapper
    public Response refused(QuotaExceededException e) {
        Response response = OpenAiError.response(e.status(), e.status() == 429 ? "rate_limit_exceeded"
                : "server_error", null, e.code(), e.getMessage());
        return e.retryAfterSeconds().isEmpty() ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds().getAsLong()).build();
    }

    /** The gallery a URL answer saves into is briefly unavailable (the embedded database restarts within seconds). */
    @ServerExceptionMapper
    public Response unavailable(StorageException e) {
        LOG.error("saving the pictures failed", e);
        return Response.fromResponse(OpenAiError.response(503, "server_error", null, "unavailable",
                "The gallery database is unavailable, try again.")).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response busy(EngineBusyException e) {
        return Response.fromResponse(OpenAiError.response(503, "server_error", null, "busy", e.getMessage()))
                .header("Retry-After", "1").build();
    }

    private static JsonNode object(String body) {
        return JsonBodies.object(body).orElseThrow(() -> OpenAiError.Refused.invalid(null, "invalid_json",
                "The body must be a JSON object."));
    }
}
