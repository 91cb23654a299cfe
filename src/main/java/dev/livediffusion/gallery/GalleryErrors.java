package dev.livediffusion.gallery;

import dev.livediffusion.generation.EngineBusyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How gallery failures reach clients: a short plain message, never a stack trace or a database detail. */
public class GalleryErrors {

    private static final Logger LOG = Logger.getLogger(GalleryErrors.class);

    @ServerExceptionMapper
    public Response notFound(GalleryNotFoundException e) {
        return plain(Response.Status.NOT_FOUND, "not found");
    }

    @ServerExceptionMapper
    public Response refused(EditRefusedException e) {
        return plain(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return plain(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response storage(StorageException e) {
        LOG.error("gallery storage failed", e);
        // the embedded database is back within seconds of a crash (PostmasterSupervisor)
        return Response.fromResponse(plain(Response.Status.SERVICE_UNAVAILABLE, "the gallery database is unavailable, try again"))
                .header("Retry-After", "5").build();
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
