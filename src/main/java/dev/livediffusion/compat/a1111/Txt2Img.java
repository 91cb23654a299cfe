package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.compat.PngPictures;
import dev.livediffusion.generation.EngineBusyException;
import dev.livediffusion.generation.ImageToImage;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A1111's txt2img and img2img: the request's pictures one after another, seed, seed+1, …, each taking its turn on
 * the engine (until an interrupt, A1111Jobs); img2img's start from its init image.
 */
@ApplicationScoped
class Txt2Img {

    /** A1111's {@code TextToImageResponse}: base64 PNGs, the request as received, and info as JSON text. */
    record Response(List<String> images, JsonNode parameters, String info) {
    }

    private static final Logger LOG = Logger.getLogger(Txt2Img.class);

    private final PngPictures pictures;
    private final PromptPolicy policy;
    private final A1111Jobs jobs;

    Txt2Img(PngPictures pictures, PromptPolicy policy, A1111Jobs jobs) {
        this.pictures = pictures;
        this.policy = policy;
        this.jobs = jobs;
    }

    Response generate(JsonNode body) {
        return generate(body, null);
    }

    /** {@code init}: img2img's picture and strength, or null for txt2img. */
    Response generate(JsonNode body, ImageToImage init) {
        Txt2ImgRequest request = Txt2ImgRequest.parse(body, policy, pictures.model());
        List<PngPictures.Picture> made = new ArrayList<>();
        try (A1111Jobs.Job job = jobs.start(init == null ? "txt2img" : "img2img", request.pictures(),
                request.parameters().steps())) {
            for (int i = 0; i < request.pictures() && (i == 0 || job.goesOn()); i++) {
                made.add(picture(request, request.seed() + i, init));
                job.pictureDone();
            }
        }
        List<String> images = request.sendImages()
                ? made.stream().map(p -> Base64.getEncoder().encodeToString(p.png())).toList() : List.of();
        return new Response(images, body, Txt2ImgInfo.json(request, made));
    }

    private PngPictures.Picture picture(Txt2ImgRequest request, long seed, ImageToImage init) {
        try {
            return pictures.generate(request.prompt(), seed, request.parameters(), request.size(), init);
        } catch (EngineBusyException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("generation failed", e);
            throw new A1111Exception(500, "generation failed: " + e.getMessage());
        }
    }
}
