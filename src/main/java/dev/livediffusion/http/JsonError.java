package dev.livediffusion.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one shape of every HTTP API's error, in the REST layer and below it, the same as the live channel's error
 * message without its seq: {@code {"type":"error","code":"...","message":"..."}}.
 */
public record JsonError(String type, String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Vert.x context local Quarkus' HTTP metrics take a request's path label from. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    public JsonError(String code, String message) {
        this("error", code, message);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This error as the REST layer's answer. */
    public Response response(Response.StatusType status) {
        return response(status.getStatusCode());
    }

    /** For statuses JAX-RS has no name for (507). */
    public Response response(int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(toJson()).build();
    }

    /**
     * Refuses the request with this error before any route takes it (the filters' refusals). Metrics count it under
     * the one path {@code /refused}: a refused path is the client's own text, and as a label it would fill the
     * metrics' path budget and show unlisted links to whoever reads /q/metrics.
     */
    public void send(RoutingContext routing, int status) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, "/refused");
        }
        routing.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(toJson());
    }
}
