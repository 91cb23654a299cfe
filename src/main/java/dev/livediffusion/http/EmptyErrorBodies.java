package dev.livediffusion.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Gives the REST layer's own refusals (no such route 404, wrong method 405, wrong content type 415, a path or query
 * value that does not parse 400) the app's JSON error instead of an empty body, or a browser opening a page the
 * site's error page (ErrorPages). Refusals that carry a body keep it.
 */
public class EmptyErrorBodies {

    @ServerExceptionMapper
    public Response withBody(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        int status = response.getStatus();
        if (ErrorPages.wanted(headers, uri)) {
            Response page = ErrorPages.page(status);   // keeps the refusal's own headers (Allow on a 405)
            return Response.fromResponse(response).type(page.getMediaType()).entity(page.getEntity()).build();
        }
        return Response.fromResponse(response).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(describe(status).toJson()).build();
    }

    private static JsonError describe(int status) {
        return switch (status) {
            case 400 -> new JsonError("bad_request", "the request's path, query or body does not parse");
            case 404 -> new JsonError("not_found", "nothing here");
            case 405 -> new JsonError("method_not_allowed", "this address does not take that method");
            case 406 -> new JsonError("not_acceptable", "this address cannot answer in the type asked for");
            case 415 -> new JsonError("unsupported_media_type", "send the body with the Content-Type this address takes"
                    + " (application/json for JSON)");
            default -> new JsonError("http_" + status, Response.Status.fromStatusCode(status) == null
                    ? "the request was refused" : Response.Status.fromStatusCode(status).getReasonPhrase());
        };
    }
}
