package dev.livediffusion.gallery;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A flipbook as an animated GIF with the JDK's own writer: each frame with its own palette, delays that add up to the
 * flipbook's length, looping forever, and the prompt timeline in a comment extension (UTF-8 bytes).
 */
final class AnimatedGif {

    private static final String METADATA_FORMAT = "javax_imageio_gif_image_1.0";
    /** Browsers play delays under 2/100 s at 1/10 s; GIFs are never faster than 50 frames/s. */
    private static final int MIN_DELAY_CS = 2;

    private AnimatedGif() {
    }

    static byte[] write(Flipbook flipbook) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < flipbook.frames().size(); i++) {
                BufferedImage image = flipbook.image(i, flipbook.width(), flipbook.height(), BufferedImage.TYPE_3BYTE_BGR);
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(METADATA_FORMAT);
                IIOMetadataNode control = child(root, "GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("transparentColorIndex", "0");
                control.setAttribute("delayTime", Integer.toString(delayCentiseconds(i, flipbook.frameRate())));
                if (i == 0) {
                    loopForever(root);
                    // the writer stores each char as one byte: pass UTF-8 bytes as chars so none is lost
                    child(child(root, "CommentExtensions"), "CommentExtension").setAttribute("value",
                            new String(flipbook.timeline().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
                }
                metadata.setFromTree(METADATA_FORMAT, root);
                writer.writeToSequence(new IIOImage(image, null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Frame i's delay in 1/100 s, rounded so that the delays up to any frame add up to its time in the flipbook. */
    static int delayCentiseconds(int index, double frameRate) {
        long delay = Math.round(100 * (index + 1) / frameRate) - Math.round(100 * index / frameRate);
        return (int) Math.max(MIN_DELAY_CS, delay);
    }

    /** The NETSCAPE2.0 application extension with loop count 0. */
    private static void loopForever(IIOMetadataNode root) {
        IIOMetadataNode netscape = child(child(root, "ApplicationExtensions"), "ApplicationExtension");
        netscape.setAttribute("applicationID", "NETSCAPE");
        netscape.setAttribute("authenticationCode", "2.0");
        netscape.setUserObject(new byte[] {1, 0, 0});
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
