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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pictures for the other ecosystems' APIs, which expect PNG files that carry A1111's infotext. Each is generated as
 * {@code POST /api/images} generates, taking its turn beside the live loop ({@link OneShotGenerator}), and written
 * as PNG from the decoder's own pixels (not the live loop's JPEG), laid over the original outside an inpainting
 * mask, and scaled where the size asked for is not one the model draws.
 */
@ApplicationScoped
public class PngPictures {

    /**
     * One picture: its pixels as PNG, what it was made with, and its {@code parameters} text (the infotext, and where
     * it was scaled the size it was drawn at).
     *
     * @param plainPng the PNG without text, for a gallery, whose downloads write their own
     * @param drawnAt  the size the model drew at where the picture was scaled from it
     */
    public record Picture(byte[] plainPng, Infotext infotext, String parameters, Optional<PictureSize> drawnAt) {

        /** The PNG file with its {@code parameters} text, as A1111 writes it. */
        public byte[] png() {
            return PngText.insert(plainPng, List.of(PngText.text("parameters", parameters)));
        }
    }

    /** The infotext key that says a picture was drawn at another size and scaled. */
    public static final String DRAWN_AT = "Drawn at";
    private static final long RANDOM_SEEDS = 4294967294L;

    private final OneShotGenerator generator;
    private final ImagePipeline pipeline;

    PngPictures(OneShotGenerator generator, ImagePipeline pipeline) {
        this.generator = generator;
        this.pipeline = pipeline;
    }

    /**
     * A picture of {@code size} drawn with {@code drawn} ({@link PictureSize#drawing}), from an init image too
     * (null: from the prompt alone). The prompt must have passed the PromptPolicy; busy or failing engines throw
     * as the generator does.
     */
    public Picture generate(String prompt, long seed, ImageParameters drawn, PictureSize size, ImageToImage init) {
        GeneratedImage image = generator.generate(new ImageRequest(prompt, seed, init, drawn));
        boolean scaled = !size.isSizeOf(drawn);
        BufferedImage own = init != null && init.mask() != null ? MaskOverlay.over(image.pixels(), init)
                : image.pixels();
        BufferedImage pixels = scaled ? ScaledPicture.to(own, size) : own;
        Infotext infotext = new Infotext(prompt, OptionalInt.of(drawn.steps()), image.seed(), size.width(),
                size.height(), image.model());
        Optional<PictureSize> drawnAt = scaled ? Optional.of(new PictureSize(drawn.width(), drawn.height()))
                : Optional.empty();
        String parameters = infotext.text() + drawnAt.map(d -> ", " + DRAWN_AT + ": " + d).orElse("");
        return new Picture(png(pixels), infotext, parameters, drawnAt);
    }

    /** The model that serves: its name and picture size. */
    public ModelInfo model() {
        return pipeline.info();
    }

    /** A seed as A1111 draws one for -1: below 2^32. OpenAI's pictures get one each. */
    public static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(RANDOM_SEEDS);
    }

    private static byte[] png(BufferedImage pixels) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.getWidth() * pixels.getHeight() * 2);
            ImageIO.write(pixels, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
