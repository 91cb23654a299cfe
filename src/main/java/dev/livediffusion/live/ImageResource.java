package dev.livediffusion.live;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.InitImageInput;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.ImageToImage;
import dev.livediffusion.generation.InitImages.InitImageException;
import dev.livediffusion.generation.OneShotGenerator;
import dev.livediffusion.http.JsonBodies;
import dev.livediffusion.http.JsonError;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Base64;

/**
 * The REST twin of the live channel for scripts: {@code POST /api/images {"prompt","seed"}} returns the
 * image, with the frame header's metadata as {@code X-} response headers; {@code "init_image"} (base64 PNG or JPEG)
 * and {@code "strength"} make it image-to-image; {@code "steps"}, {@code "width"} and {@code "height"} are as on the
 * live channel (ImageParametersInput). A refused prompt is answered by
 * PromptRefusals, a busy engine by GalleryErrors, as every REST generation's.
 */
@PermitAll
@Path("/api/images")
public class ImageResource {

    private static final Logger LOG = Logger.getLogger(ImageResource.class);

    @Inject
    OneShotGenerator generator;
    @Inject
    LiveSettings settings;
    @Inject
    PromptPolicy policy;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(String body) {
        JsonNode node = JsonBodies.object(body).orElse(null);
        if (node == null) {
            return new JsonError("bad_json", "the body must be a JSON object {\"prompt\":..,\"seed\":..}")
                    .response(Response.Status.BAD_REQUEST);
        }
        ImageToImage init;
        ImageParameters parameters;
        try {
            parameters = ImageParametersInput.read(node, generator.info());
            init = initImage(node);
        } catch (ImageParameters.Refused e) {
            return new JsonError(e.code(), e.getMessage()).response(Response.Status.BAD_REQUEST);
        } catch (InitImageException e) {
            return new JsonError(e.code(), e.getMessage()).response(Response.Status.BAD_REQUEST);
        }
        ImageRequest request = new ImageRequest(policy.text(node.get("prompt")),
                policy.seed(node.get("seed"), settings::connectionSeed), init, parameters);
        GeneratedImage image;
        try {
            image = generator.generate(request);
        } catch (EngineBusyException e) {
            throw e;   // 503 with Retry-After, as for the gallery's generations (GalleryErrors)
        } catch (RuntimeException e) {
            LOG.error("generation failed", e);
            ServerMessages.Error failed = ServerMessages.Error.generationFailed(null, e);
            return new JsonError(failed.code(), failed.message()).response(Response.Status.INTERNAL_SERVER_ERROR);
        }
        return Response.ok(image.encoded(), image.mime())
                .header("X-Model", image.model())
                .header("X-Seed", image.seed())
                .header("X-Width", image.width())
                .header("X-Height", image.height())
                .header("X-Tokens", image.tokens())
                .header("X-Steps", parameters.steps())
                .header("X-Timings-Ms", FramePacket.json(image.timingsMs()))
                .build();
    }

    /** The init image and strength, or null without {@code init_image}. */
    private ImageToImage initImage(JsonNode node) {
        JsonNode image = node.get("init_image");
        if (image == null || image.isNull()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(image.isTextual() ? image.textValue() : "?");
        } catch (IllegalArgumentException e) {
            throw new InitImageException("bad_init_image", "\"init_image\" must be a base64 PNG or JPEG");
        }
        return InitImageInput.read(bytes, node.get("strength"), generator.info());
    }
}
