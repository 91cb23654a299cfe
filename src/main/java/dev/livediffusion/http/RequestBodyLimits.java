package dev.livediffusion.http;

import dev.livediffusion.gallery.GalleryConfig;
import dev.livediffusion.generation.InitImages;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Gives each route the body it needs and no more, before any of it is read: JSON and forms are a few KiB, the REST
 * twin's JSON may carry an init image, the A1111 routes that carry an image in base64 may hold one of a gallery's
 * largest frames, only a gallery's frame upload may be as large as a flipbook; a body must say its type. A larger
 * declared body is answered 413 at once; a body of unknown length (chunked) is taken only where large bodies are, and bounded there by
 * {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** Below {@link AmbiguousPathFilter}, above authentication: an anonymous flood is refused unread too. */
    static final int PRIORITY = 900;
    /** JSON requests, admin and gallery forms: the longest prompt or blocklist entry is well below this. */
    static final long SMALL_BODY_BYTES = 16 * 1024;
    /** Room for the multipart headers and the "meta" part beside the frames themselves. */
    private static final long UPLOAD_OVERHEAD_BYTES = 1024 * 1024;
    private static final Pattern UPLOAD_PATH = Pattern.compile("/api/galleries/[^/]+/items");
    /** A1111's png-info reads an image; img2img takes one (and is answered that it is not available yet). */
    private static final Pattern IMAGE_JSON_PATH = Pattern.compile("/sdapi/v1/(png-info|img2img)");
    /** Room for the JSON around a base64 image and a data URL's prefix. */
    private static final long IMAGE_JSON_OVERHEAD_BYTES = 64 * 1024;
    /** The REST twin's JSON with a base64 init image (4/3 of its bytes) beside the prompt. */
    static final long IMAGE_BODY_BYTES = InitImages.MAX_BYTES / 3 * 4 + 4 + SMALL_BODY_BYTES;

    @Inject
    GalleryConfig galleries;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        boolean upload = isUpload(request);
        long limit = upload ? galleries.maxFlipbookBytes() + UPLOAD_OVERHEAD_BYTES
                : IMAGE_JSON_PATH.matcher(request.path()).matches() ? imageJsonBytes()
                : request.path().equals("/api/images") ? IMAGE_BODY_BYTES : SMALL_BODY_BYTES;
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        boolean hasBody = chunked || (length != null && declared(length) > 0);
        if (hasBody && request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            // JAX-RS would let an untyped body through to any @Consumes, so a JSON endpoint would parse anything
            refuse(routing, 415, new JsonError("unsupported_media_type", "say what the body is with a Content-Type"
                    + " (application/json for JSON)"));
        } else if (length == null && chunked && !upload) {
            refuse(routing, 411, new JsonError("length_required", "send this body with a Content-Length"));
        } else if (length != null && declared(length) > limit) {
            refuse(routing, 413, new JsonError("body_too_large", "this address takes bodies of at most " + limit
                    + " bytes"));
        } else {
            routing.next();
        }
    }

    private static boolean isUpload(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                && UPLOAD_PATH.matcher(request.path()).matches();
    }

    /** A gallery's largest frame in base64 (4 characters for every 3 bytes), with its JSON around it. */
    private long imageJsonBytes() {
        return (galleries.maxFrameBytes() + 2L) / 3 * 4 + IMAGE_JSON_OVERHEAD_BYTES;
    }

    /** A Content-Length that does not parse counts as too large: nothing sensible sends one. */
    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The unread body is left behind, so the connection cannot carry another request: close it. */
    private static void refuse(RoutingContext routing, int status, JsonError error) {
        routing.response().putHeader(HttpHeaders.CONNECTION, "close");
        error.send(routing, status);
    }
}
