package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.http.JsonBodies;
import dev.livediffusion.compat.PngPictures;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.prompt.PromptRefusedException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AUTOMATIC1111 web UI's API, so the tools that speak it can draw here: txt2img, png-info, and the model and
 * options they ask about first. Its errors, prompt refusals included, take A1111's shape (A1111Error).
 */
@PermitAll
@Path("/sdapi/v1")
@Produces(MediaType.APPLICATION_JSON)
public class A1111Resource {

    private final Txt2Img txt2img;
    private final PngPictures pictures;

    A1111Resource(Txt2Img txt2img, PngPictures pictures) {
        this.txt2img = txt2img;
        this.pictures = pictures;
    }

    @POST
    @Path("txt2img")
    @Consumes(MediaType.APPLICATION_JSON)
    public Txt2Img.Response txt2img(String body) {
        return txt2img.generate(object(body));
    }

    @POST
    @Path("img2img")
    @Consumes(MediaType.APPLICATION_JSON)
    public Txt2Img.Response img2img(String body) {
        JsonNode request = object(body);
        return txt2img.generate(request, Img2ImgInit.read(request, pictures.model()));
    }

    @POST
    @Path("png-info")
    @Consumes(MediaType.APPLICATION_JSON)
    public PngInfo.Response pngInfo(String body) {
        return PngInfo.read(object(body));
    }

    /** A1111's {@code SDModelItem}s: the one model, with no file hash computed. */
    @GET
    @Path("sd-models")
    public List<Map<String, Object>> models() {
        Map<String, Object> model = new LinkedHashMap<>();
        String name = pictures.model().name();
        model.put("title", name);
        model.put("model_name", name);
        model.put("hash", null);
        model.put("sha256", null);
        model.put("filename", name);
        model.put("config", null);
        return List.of(model);
    }

    /** The options clients read; setting them (POST) is not offered. */
    @GET
    @Path("options")
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("sd_model_checkpoint", pictures.model().name());
        options.put("sd_checkpoint_hash", null);
        options.put("samples_format", "png");
        return options;
    }

    @ServerExceptionMapper
    public Response refused(A1111Exception e) {
        return A1111Error.response(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(PromptRefusedException e) {
        return A1111Error.response(422, e.getMessage());
    }

    @ServerExceptionMapper
    public Response busy(EngineBusyException e) {
        return Response.fromResponse(A1111Error.response(503, e.getMessage())).header("Retry-After", "1").build();
    }

    private static JsonNode object(String body) {
        return JsonBodies.object(body).orElseThrow(() -> A1111Exception.invalid("the body must be a JSON object"));
    }
}
