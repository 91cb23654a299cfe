package dev.livediffusion.prompt;

import dev.livediffusion.http.JsonError;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every HTTP entry point that takes a prompt answers a refused one alike: 400 with the app's JSON error. */
public class PromptRefusals {

    @ServerExceptionMapper
    public Response refused(PromptRefusedException e) {
        return new JsonError(e.code(), e.getMessage()).response(Response.Status.BAD_REQUEST);
    }
}
