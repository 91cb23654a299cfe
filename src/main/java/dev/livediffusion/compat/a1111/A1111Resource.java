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

import java.util.List;
import java.util.Map;

/**
 * The AUTOMATIC1111 web UI's API, so the tools that speak it can draw here: txt2img, img2img, png-info, the lists
 * and options they ask about first, and the progress, interrupt and skip of the jobs in flight. Its errors, prompt
 * refusals included, take A1111's shape (A1111Error).
 */
@PermitAll
@Path("/sdapi/v1")
@Produces(MediaType.APPLICATION_JSON)
public class A1111Resource {

    private final Txt2Img txt2img;
    private final PngPictures pictures;
    private final A1111Jobs jobs;

    A1111Resource(Txt2Img txt2img, PngPictures pictures, A1111Jobs jobs) {
        this.txt2img = txt2img;
        this.pictures = pictures;
        this.jobs = jobs;
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

    @GET
    @Path("sd-models")
    public List<Map<String, Object>> models() {
        return A1111Catalog.models(pictures.model());
    }

    @GET
    @Path("options")
    public Map<String, Object> options() {
        return A1111Catalog.options(pictures.model());
    }

    @POST
    @Path("options")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setOptions(String body) {
        A1111Options.set(object(body), pictures.model());
        return nothing();
    }

    @GET
    @Path("samplers")
    public List<A1111Catalog.Sampler> samplers() {
        return A1111Catalog.SAMPLERS;
    }

    @GET
    @Path("schedulers")
    public List<A1111Catalog.Scheduler> schedulers() {
        return A1111Catalog.SCHEDULERS;
    }

    /** Upscalers, latent upscale modes, VAEs, Forge's modules and LoRAs: this server has none. */
    @GET
    @Path("{list: upscalers|latent-upscale-modes|sd-vae|sd-modules|loras}")
    public List<Object> none() {
        return List.of();
    }

    @GET
    @Path("scripts")
    public A1111Catalog.Scripts scripts() {
        return A1111Catalog.SCRIPTS;
    }

    /** The served models are loaded at start; there is nothing to look for again. */
    @POST
    @Path("{refresh: refresh-checkpoints|refresh-vae|refresh-loras}")
    public Response refresh() {
        return nothing();
    }

    @GET
    @Path("progress")
    public A1111Jobs.Progress progress() {
        return jobs.progress();
    }

    /**
     * Interrupt and skip both end the jobs in flight after the picture being made: a picture is one engine call,
     * which cannot be cut short, and skipping it would leave a one-picture job nothing to answer.
     */
    @POST
    @Path("{stop: interrupt|skip}")
    public Response interrupt() {
        jobs.interrupt();
        return nothing();
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

    /** What A1111 answers where its handler returns nothing: JSON {@code null}, which its clients parse. */
    private static Response nothing() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static JsonNode object(String body) {
        return JsonBodies.object(body).orElseThrow(() -> A1111Exception.invalid("the body must be a JSON object"));
    }
}
