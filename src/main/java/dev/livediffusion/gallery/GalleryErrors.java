package dev.livediffusion.gallery;

import dev.livediffusion.database.StorageException;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.http.ErrorPages;
import dev.livediffusion.http.JsonError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How gallery failures reach clients: the app's JSON error, never a stack trace or a database detail; a browser
 * opening a page gets the same in words, in the site layout, with links back (ErrorPages).
 */
public class GalleryErrors {

    private static final Logger LOG = Logger.getLogger(GalleryErrors.class);

    @ServerExceptionMapper
    public Response notFound(GalleryNotFoundException e, HttpHeaders headers, UriInfo uri) {
        return ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(404, "Nothing here", "This gallery or picture doesn't exist. It may have been deleted"
                        + " or hidden, or the link may be incomplete.")
                : new JsonError("not_found", "not found").response(Response.Status.NOT_FOUND);
    }

    @ServerExceptionMapper
    public Response refused(EditRefusedException e, HttpHeaders headers, UriInfo uri) {
        return ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(403, "Only its creator can change this", "Changing a gallery needs its edit token."
                        + " Open the gallery in the browser you made it in, or use “I made this” on the gallery page.")
                : new JsonError("edit_refused", e.getMessage()).response(Response.Status.FORBIDDEN);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, HttpHeaders headers, UriInfo uri) {
        return ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(400, "That didn't work", "The request was refused: " + e.getMessage() + ".")
                : new JsonError("bad_input", e.getMessage()).response(Response.Status.BAD_REQUEST);
    }

    @ServerExceptionMapper
    public Response storage(StorageException e, HttpHeaders headers, UriInfo uri) {
        LOG.error("gallery storage failed", e);
        // the embedded database is back within seconds of a crash (PostmasterSupervisor)
        Response response = ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(503, "Back in a moment", "The galleries are briefly unavailable. Reload this page in a"
                        + " few seconds.")
                : new JsonError("unavailable", "the gallery database is unavailable, try again")
                        .response(Response.Status.SERVICE_UNAVAILABLE);
        return Response.fromResponse(response).header("Retry-After", "5").build();
    }

    /** 429 with Retry-After for a client's rate, 409 for a full gallery, 507 when all galleries are full. */
    @ServerExceptionMapper
    public Response quota(QuotaExceededException e) {
        Response response = new JsonError(e.code(), e.getMessage()).response(e.status());
        return e.retryAfterSeconds().isEmpty() ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds().getAsLong()).build();
    }

    @ServerExceptionMapper
    public Response busy(ExportBusyException e) {
        return busy(e.getMessage(), "10");
    }

    /** Also answers {@code POST /api/images}: every REST generation waits for the same engine. */
    @ServerExceptionMapper
    public Response engineBusy(EngineBusyException e) {
        return busy(e.getMessage(), "1");
    }

    private static Response busy(String message, String retryAfterSeconds) {
        return Response.fromResponse(new JsonError("busy", message).response(Response.Status.SERVICE_UNAVAILABLE))
                .header("Retry-After", retryAfterSeconds).build();
    }
}
