package dev.livediffusion.generation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image to image on the built-in model (its vae_encoder reads a picture back into a scene): a drawing as the live
 * page's sketch pad makes one, a red disc on white, is redrawn where it was drawn. With no prompt it stays red and
 * round; "a blue star" makes it a blue star in the same place, the white ground kept; a blank drawing takes the
 * objects the prompt names.
 */
class EmbeddedImageToImageTest {

    private static final int CX = 150, CY = 140, R = 80;
    private static final double DISC = Math.PI * R * R;
    private static final IntPredicate RED = rgb -> red(rgb) > 150 && green(rgb) < 110 && blue(rgb) < 110;
    private static final IntPredicate BLUE = rgb -> blue(rgb) > 150 && red(rgb) < 110 && green(rgb) < 130;
    private static final IntPredicate GREEN = rgb -> green(rgb) > 120 && red(rgb) < 100 && blue(rgb) < 110;
    private static final IntPredicate WHITE = rgb -> red(rgb) > 215 && green(rgb) > 215 && blue(rgb) > 215;

    private static TurboImagePipeline pipeline;

    @BeforeAll
    static void load() throws IOException {
        pipeline = PipelineLoader.load(EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow(),
                PipelineOptions.onCpu(2, 512, 512, 1));
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void theBuiltInModelStartsFromPictures() {
        assertTrue(pipeline.info().imageToImage(), "the embedded folder has a vae_encoder");
    }

    @Test
    void withoutAPromptTheDrawingStaysAsDrawn() throws IOException {
        BufferedImage out = redraw(disc(), "");
        double area = count(out, RED);
        assertTrue(area > 0.6 * DISC && area < 1.5 * DISC, "red area " + area + " for a drawn disc of " + DISC);
        assertNear(out, RED);
        assertTrue(count(out, WHITE) > 0.8 * (512 * 512 - DISC), "the white ground stays: " + count(out, WHITE));
    }

    @Test
    void thePromptChangesWhatItNamesInThePlaceItWasDrawn() throws IOException {
        BufferedImage out = redraw(disc(), "a blue star");
        double area = count(out, BLUE);
        assertTrue(count(out, RED) < 500, "no red left: " + count(out, RED));
        // a star of the disc's size covers about 0.4 of it
        assertTrue(area > 0.15 * DISC && area < 0.65 * DISC, "blue area " + area + " for a disc of " + DISC);
        assertNear(out, BLUE);
        assertTrue(count(out, WHITE) > 0.8 * (512 * 512 - DISC), "the white ground stays: " + count(out, WHITE));
    }

    @Test
    void aBlankDrawingTakesTheObjectsThePromptNames() throws IOException {
        BufferedImage blank = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 512, 512);
        g.dispose();
        BufferedImage out = redraw(blank, "a large green heart");
        assertTrue(count(out, GREEN) > 5000, "green pixels: " + count(out, GREEN));
    }

    private static BufferedImage redraw(BufferedImage picture, String prompt) throws IOException {
        GeneratedImage image = pipeline.generate(new ImageRequest(prompt, 1, new ImageToImage(picture, 0.5)));
        return ImageIO.read(new ByteArrayInputStream(image.encoded()));
    }

    /** A red disc on white, in the sketch pad's red. */
    private static BufferedImage disc() {
        BufferedImage picture = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 512, 512);
        g.setColor(new Color(0xe53935));
        g.fillOval(CX - R, CY - R, 2 * R, 2 * R);
        g.dispose();
        return picture;
    }

    /** The pixels of this colour have their centre within 32 px of the drawn disc's. */
    private static void assertNear(BufferedImage image, IntPredicate colour) {
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (colour.test(image.getRGB(x, y))) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        double distance = Math.hypot(sx / n - CX, sy / n - CY);
        assertTrue(n > 0 && distance < 32, "centre " + (sx / n) + ", " + (sy / n) + " for a disc drawn at " + CX + ", " + CY);
    }

    private static int count(BufferedImage image, IntPredicate colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += colour.test(image.getRGB(x, y)) ? 1 : 0;
            }
        }
        return n;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }
}
