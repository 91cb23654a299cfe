package dev.livediffusion.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/**
 * The one shape every refusal below the REST layer has, the same as the live channel's error message:
 * {@code {"type":"error","code":"...","message":"..."}}.
 */
public record JsonError(String type, String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Answers the request with this error and ends it. */
    public void send(RoutingContext routing, int status) {
        routing.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(toJson());
    }
}
