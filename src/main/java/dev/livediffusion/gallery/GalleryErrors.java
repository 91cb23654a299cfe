package dev.livediffusion.gallery;

import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.http.ErrorPages;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How gallery failures reach clients: a short plain message, never a stack trace or a database detail; a browser
 * opening a page gets the same in words, in the site layout, with links back (ErrorPages).
 */
public class GalleryErrors {

    private static final Logger LOG = Logger.getLogger(GalleryErrors.class);

    @ServerExceptionMapper
    public Response notFound(GalleryNotFoundException e, HttpHeaders headers, UriInfo uri) {
        return ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(404, "Nothing here", "This gallery or picture doesn't exist. It may have been deleted"
                        + " or hidden, or the link may be incomplete.")
                : plain(Response.Status.NOT_FOUND, "not found");
    }

    @ServerExceptionMapper
    public Response refused(EditRefusedException e, HttpHeaders headers, UriInfo uri) {
        return ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(403, "Only its creator can change this", "Changing a gallery needs its edit token."
                        + " Open the gallery in the browser you made it in, or use “I made this” on the gallery page.")
                : plain(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, HttpHeaders headers, UriInfo uri) {
        return ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(400, "That didn't work", "The request was refused: " + e.getMessage() + ".")
                : plain(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response storage(StorageException e, HttpHeaders headers, UriInfo uri) {
        LOG.error("gallery storage failed", e);
        // the embedded database is back within seconds of a crash (PostmasterSupervisor)
        Response response = ErrorPages.wanted(headers, uri)
                ? ErrorPages.page(503, "Back in a moment", "The galleries are briefly unavailable. Reload this page in a"
                        + " few seconds.")
                : plain(Response.Status.SERVICE_UNAVAILABLE, "the gallery database is unavailable, try again");
        return Response.fromResponse(response).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response busy(ExportBusyException e) {
        return Response.fromResponse(plain(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                .header("Retry-After", "10").build();
    }

    @ServerExceptionMapper
    public Response engineBusy(EngineBusyException e) {
        return Response.fromResponse(plain(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                .header("Retry-After", "1").build();
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(message).build();
    }
}
