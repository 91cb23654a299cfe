package dev.livediffusion.compat;

import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.ImageToImage;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.generation.OneShotGenerator;
import dev.livediffusion.infotext.Infotext;
import dev.livediffusion.infotext.PngText;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pictures for the other ecosystems' APIs, which expect PNG files that carry A1111's infotext. Each is generated as
 * {@code POST /api/images} generates, taking its turn beside the live loop ({@link OneShotGenerator}), and its frame
 * (the live loop's JPEG) is written again as PNG: the same pixels, now with the {@code parameters} text.
 */
@ApplicationScoped
public class PngPictures {

    /** One picture: the PNG file and what it was made with. */
    public record Picture(byte[] png, Infotext infotext) {
    }

    private static final long RANDOM_SEEDS = 4294967294L;

    private final OneShotGenerator generator;
    private final ImagePipeline pipeline;

    PngPictures(OneShotGenerator generator, ImagePipeline pipeline) {
        this.generator = generator;
        this.pipeline = pipeline;
    }

    /** The prompt must have passed the PromptPolicy. Busy or failing engines throw as the generator does. */
    public Picture generate(String prompt, long seed) {
        return generate(prompt, seed, ImageParameters.defaults(pipeline.info()));
    }

    /** With the request's steps and size; its infotext reports the steps run. */
    public Picture generate(String prompt, long seed, ImageParameters parameters) {
        return generate(prompt, seed, parameters, null);
    }

    /** From an init image too (null: from the prompt alone). */
    public Picture generate(String prompt, long seed, ImageParameters parameters, ImageToImage init) {
        GeneratedImage image = generator.generate(new ImageRequest(prompt, seed, init, parameters));
        Infotext infotext = new Infotext(prompt, OptionalInt.of(parameters.steps()), image.seed(), image.width(),
                image.height(), image.model());
        return new Picture(PngText.insert(png(image.encoded()), List.of(PngText.text("parameters", infotext.text()))),
                infotext);
    }

    /** The model that serves: its name and picture size. */
    public ModelInfo model() {
        return pipeline.info();
    }

    /** A seed as A1111 draws one for -1: below 2^32. OpenAI's pictures get one each. */
    public static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(RANDOM_SEEDS);
    }

    private static byte[] png(byte[] encoded) {
        try {
            BufferedImage pixels = ImageIO.read(new ByteArrayInputStream(encoded));
            ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length * 4);
            ImageIO.write(pixels, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
