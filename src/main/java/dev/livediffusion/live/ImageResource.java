package dev.livediffusion.live;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.OneShotGenerator;
import dev.livediffusion.moderation.PromptBlocklist;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * The REST twin of the live channel for scripts: {@code POST /api/images {"prompt","seed"}} returns the
 * image, with the frame header's metadata as {@code X-} response headers.
 */
@PermitAll
@Path("/api/images")
public class ImageResource {

    private static final Logger LOG = Logger.getLogger(ImageResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OneShotGenerator generator;
    @Inject
    LiveSettings settings;
    @Inject
    PromptBlocklist blocklist;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(String body) {
        ImageRequest request;
        try {
            request = parse(body);
        } catch (ProtocolException e) {
            return error(Response.Status.BAD_REQUEST, e.toMessage()).build();
        }
        GeneratedImage image;
        try {
            image = generator.generate(request);
        } catch (EngineBusyException e) {
            return error(Response.Status.SERVICE_UNAVAILABLE, new ServerMessages.Error(null, "busy", e.getMessage()))
                    .header("Retry-After", "1").build();
        } catch (RuntimeException e) {
            LOG.error("generation failed", e);
            return error(Response.Status.INTERNAL_SERVER_ERROR, ServerMessages.Error.generationFailed(null, e)).build();
        }
        return Response.ok(image.encoded(), image.mime())
                .header("X-Model", image.model())
                .header("X-Seed", image.seed())
                .header("X-Width", image.width())
                .header("X-Height", image.height())
                .header("X-Tokens", image.tokens())
                .header("X-Timings-Ms", FramePacket.json(image.timingsMs()))
                .build();
    }

    /** The socket's {@code error} message as a JSON body. */
    private static Response.ResponseBuilder error(Response.Status status, ServerMessages.Error error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(FramePacket.json(error));
    }

    private ImageRequest parse(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new ProtocolException("bad_json", null, "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException("bad_json", null, "the body must be a JSON object {\"prompt\":..,\"seed\":..}");
        }
        String prompt = PromptRules.text(node.get("prompt"), settings, blocklist, null);
        return new ImageRequest(prompt, PromptRules.seed(node.get("seed"), null, settings.connectionSeed()));
    }
}
