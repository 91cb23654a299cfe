package dev.livediffusion.compat.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.http.JsonBodies;
import dev.livediffusion.compat.PngPictures;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.prompt.PromptPolicy;
import dev.livediffusion.prompt.PromptRefusedException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's {@code POST /v1/images/generations}, so OpenAI clients can draw here. Each picture has a random seed, as
 * OpenAI's do; its PNG carries prompt and seed (A1111's infotext). Errors take OpenAI's shape (OpenAiError).
 */
@PermitAll
@Path("/v1/images/generations")
public class ImageGenerationsResource {

    /** OpenAI's answer: when, and each picture as base64. */
    public record Answer(long created, List<Map<String, String>> data) {
    }

    private static final Logger LOG = Logger.getLogger(ImageGenerationsResource.class);

    private final PngPictures pictures;
    private final PromptPolicy policy;

    ImageGenerationsResource(PngPictures pictures, PromptPolicy policy) {
        this.pictures = pictures;
        this.policy = policy;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Answer generate(String body) {
        ImageGenerationRequest request = ImageGenerationRequest.parse(object(body), policy, pictures.model());
        List<Map<String, String>> data = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            byte[] png = picture(request.prompt(), PngPictures.randomSeed());
            data.add(Map.of("b64_json", Base64.getEncoder().encodeToString(png)));
        }
        return new Answer(Instant.now().getEpochSecond(), data);
    }

    private byte[] picture(String prompt, long seed) {
        try {
            return pictures.generate(prompt, seed).png();
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
