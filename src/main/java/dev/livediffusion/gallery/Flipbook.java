package dev.livediffusion.gallery;

import dev.livediffusion.decoding.DecodeSlots;
import dev.livediffusion.decoding.JpegScans;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * A flipbook (typing or saved video) ready to encode: stored frames in play order, the item's size, pace and prompt timeline.
 * Frames are decoded one at a time, so an encoder holds only the frame it is working on, each in one of the
 * {@link DecodeSlots} and refused beyond {@link JpegScans#MAX} scans (frames stored before uploads were checked for them).
 */
record Flipbook(List<Frame> frames, int width, int height, double frameRate, String timeline) {

    static Flipbook of(Item item, List<Frame> frames) {
        return new Flipbook(frames, item.width(), item.height(), item.playbackRate(), PromptTimeline.of(item.framePrompts()));
    }

    /**
     * Frame {@code index} drawn at the item's size in the top-left corner of a canvas of the given size and pixel
     * type (frames of another size are scaled to the item's, as the gallery page shows them).
     */
    BufferedImage image(int index, int canvasWidth, int canvasHeight, int imageType) throws IOException {
        byte[] bytes = frames.get(index).bytes();
        if (JpegScans.tooMany(bytes)) {
            throw new IOException("stored frame " + index + " has more than " + JpegScans.MAX + " scans");
        }
        BufferedImage decoded = DecodeSlots.decode(() -> {
            try {
                return ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                return null;
            }
        });
        if (decoded == null) {
            throw new IOException("stored frame " + index + " cannot be decoded");
        }
        if (decoded.getWidth() == canvasWidth && decoded.getHeight() == canvasHeight && decoded.getType() == imageType) {
            return decoded;
        }
        BufferedImage canvas = new BufferedImage(canvasWidth, canvasHeight, imageType);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(decoded, 0, 0, width, height, null);
        g.dispose();
        return canvas;
    }
}
