package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The REST twin of the live channel for scripts: {@code POST /api/images {"prompt","seed"}} returns the
 * image, with the frame header's metadata as {@code X-} response headers.
 */
@Path("/api/images")
public class ImageResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ImagePipeline pipeline;
    @Inject
    LiveSettings settings;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response generate(String body) {
        ImageRequest request;
        try {
            request = parse(body);
        } catch (ProtocolException e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(FramePacket.json(e.toMessage())).build();
        }
        GeneratedImage image = pipeline.generate(request);
        return Response.ok(image.encoded(), image.mime())
                .header("X-Model", image.model())
                .header("X-Seed", image.seed())
                .header("X-Width", image.width())
                .header("X-Height", image.height())
                .header("X-Tokens", pipeline.tokenCount(request.prompt()))
                .header("X-Timings-Ms", FramePacket.json(image.timingsMs()))
                .build();
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
        String prompt = PromptRules.text(node.get("prompt"), settings, null);
        return new ImageRequest(prompt, PromptRules.seed(node.get("seed"), null, settings.defaultSeed()));
    }
}
