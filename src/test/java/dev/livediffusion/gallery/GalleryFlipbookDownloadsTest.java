package dev.livediffusion.gallery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.movtool.MetadataEditor;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GalleryFlipbookDownloadsTest {

    private static final int FRAMES = 30;
    private static final double FRAME_RATE = 8;
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;
    private static final String TIMELINE = "0: a red circle moving left\n12: a red circle moving up\n"
            + "24: a red circle resting ✓";

    /** A video steered twice, as the live page saves it: prompt per frame, the video's frame rate. */
    private static Response saveVideo(GalleryClient.Created gallery) {
        List<String> prompts = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            prompts.add(i < 12 ? "a red circle moving left" : i < 24 ? "a red circle moving up" : "a red circle resting ✓");
            frames.add(TestImages.jpeg(i, WIDTH, HEIGHT));
        }
        return GalleryClient.upload(gallery.slug(), gallery.editToken(), "flipbook", prompts, 42, frames, "image/jpeg",
                FRAME_RATE).then().statusCode(201).extract().response();
    }

    @Test
    void aSavedVideoKeepsItsFrameRateAndItsPageOffersBothDownloads() {
        GalleryClient.Created gallery = GalleryClient.create("clip page");
        Response saved = saveVideo(gallery);
        assertEquals(FRAME_RATE, ((Number) saved.path("frameRate")).doubleValue());
        assertTrue(((String) saved.path("gifUrl")).endsWith("/clip.gif"), (String) saved.path("gifUrl"));
        assertTrue(((String) saved.path("mp4Url")).endsWith("/clip.mp4"), (String) saved.path("mp4Url"));
        given().get("/api/galleries/" + gallery.slug()).then().statusCode(200).body("items[0].frameRate", equalTo(8.0f));
        given().get((String) saved.path("pageUrl")).then().statusCode(200)
                .body(containsString("data-frame-ms=\"125\""))
                .body(containsString("30 frames at 8 frames/s"))
                .body(containsString("href=\"" + path(saved.path("mp4Url")) + "\" download>Download MP4"))
                .body(containsString("href=\"" + path(saved.path("gifUrl")) + "\" download>Download GIF"));
    }

    @Test
    void gifPlaysEveryFrameAtTheFlipbooksRateLoopsAndCarriesThePromptTimeline() throws IOException {
        GalleryClient.Created gallery = GalleryClient.create("gif");
        Response saved = saveVideo(gallery);
        Response gif = given().get((String) saved.path("gifUrl")).then().statusCode(200).contentType("image/gif")
                .header("Content-Disposition", "attachment; filename=\"live-diffusion-" + saved.path("id") + "-seed42.gif\"")
                .header("Cache-Control", containsString("immutable")).extract().response();
        given().header("If-None-Match", gif.header("ETag")).get((String) saved.path("gifUrl")).then().statusCode(304);

        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif.asByteArray()))) {
            reader.setInput(in);
            assertEquals(FRAMES, reader.getNumImages(true));
            int total = 0;
            for (int i = 0; i < FRAMES; i++) {
                IIOMetadataNode root = gifMetadata(reader, i);
                int delay = Integer.parseInt(find(root, "GraphicControlExtension").getAttribute("delayTime"));
                assertTrue(delay == 12 || delay == 13, "1/8 s is 12.5 hundredths: " + delay);
                total += delay;
            }
            assertEquals(375, total, "30 frames at 8 per second last 3.75 s");
            IIOMetadataNode first = gifMetadata(reader, 0);
            IIOMetadataNode loop = find(first, "ApplicationExtension");
            assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
            assertEquals(0, ((byte[]) loop.getUserObject())[1], "loop count 0: forever");
            String comment = find(first, "CommentExtension").getAttribute("value");
            assertEquals(TIMELINE, new String(comment.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            BufferedImage frame = reader.read(FRAMES - 1);
            assertEquals(WIDTH, frame.getWidth());
            assertEquals(HEIGHT, frame.getHeight());
            assertClose(TestImages.background(FRAMES - 1), new Color(frame.getRGB(2, 2)));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void mp4HoldsEveryFrameInH264AtTheFlipbooksRateWithThePromptTimeline() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("mp4");
        Response saved = saveVideo(gallery);
        Response mp4 = given().get((String) saved.path("mp4Url")).then().statusCode(200).contentType("video/mp4")
                .header("Content-Disposition", "attachment; filename=\"live-diffusion-" + saved.path("id") + "-seed42.mp4\"")
                .extract().response();
        given().header("If-None-Match", mp4.header("ETag")).get((String) saved.path("mp4Url")).then().statusCode(304);
        byte[] bytes = mp4.asByteArray();
        assertEquals("ftyp", new String(bytes, 4, 4, StandardCharsets.US_ASCII));

        Path file = Files.createTempFile("downloaded", ".mp4");
        try {
            Files.write(file, bytes);
            try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
                DemuxerTrack video = MP4Demuxer.createMP4Demuxer(channel).getVideoTrack();
                DemuxerTrackMeta meta = video.getMeta();
                assertEquals("H264", meta.getCodec().name());
                assertEquals(FRAMES, meta.getTotalFrames());
                assertEquals(FRAMES / FRAME_RATE, meta.getTotalDuration(), 1e-9);
                int packets = 0;
                for (Packet packet = video.nextFrame(); packet != null; packet = video.nextFrame()) {
                    assertEquals(1 / FRAME_RATE, packet.getDurationD(), 1e-9);
                    packets++;
                }
                assertEquals(FRAMES, packets);
            }
            try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
                FrameGrab grab = FrameGrab.createFrameGrab(channel);
                List<Picture> decoded = new ArrayList<>();
                for (Picture picture = grab.getNativeFrame(); picture != null; picture = grab.getNativeFrame()) {
                    decoded.add(picture.cloneCropped());
                }
                assertEquals(FRAMES, decoded.size(), "every frame decodes");
                BufferedImage first = AWTUtil.toBufferedImage(decoded.get(0));
                BufferedImage last = AWTUtil.toBufferedImage(decoded.get(FRAMES - 1));
                assertClose(TestImages.background(0), new Color(first.getRGB(2, 2)));
                assertEquals(WIDTH, last.getWidth());
                assertEquals(HEIGHT, last.getHeight());
                assertClose(TestImages.background(FRAMES - 1), new Color(last.getRGB(2, 2)));
            }
            assertEquals(TIMELINE, MetadataEditor.createFrom(file.toFile()).getItunesMeta().get(Mp4Flipbook.COMMENT_ATOM).getString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void typingFlipbooksPlayAtTheDefaultPaceAndOddSizesEncode() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("typing");
        List<byte[]> frames = List.of(TestImages.png(1, 33, 17), TestImages.png(2, 33, 17), TestImages.png(3, 33, 17));
        Response saved = GalleryClient.upload(gallery.slug(), gallery.editToken(), "flipbook", List.of("a", "a c", "a ca"),
                7, frames, "image/png").then().statusCode(201).extract().response();
        assertNull(saved.path("frameRate"));
        byte[] gif = given().get((String) saved.path("gifUrl")).then().statusCode(200).extract().asByteArray();
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            assertEquals("15", find(gifMetadata(reader, 1), "GraphicControlExtension").getAttribute("delayTime"));
            String comment = find(gifMetadata(reader, 0), "CommentExtension").getAttribute("value");
            assertEquals("0: a\n1: a c\n2: a ca", comment);
        } finally {
            reader.dispose();
        }
        byte[] mp4 = given().get((String) saved.path("mp4Url")).then().statusCode(200).extract().asByteArray();
        Path file = Files.createTempFile("typing", ".mp4");
        try {
            Files.write(file, mp4);
            try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
                DemuxerTrackMeta meta = MP4Demuxer.createMP4Demuxer(channel).getVideoTrack().getMeta();
                assertEquals(3, meta.getTotalFrames());
                assertEquals(34, meta.getVideoCodecMeta().getSize().getWidth(), "H.264 needs even sides");
                assertEquals(0.45, meta.getTotalDuration(), 1e-9, "150 ms a frame");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void picturesHaveNoFlipbookDownloadsAndBadFrameRatesAreRefused() {
        GalleryClient.Created gallery = GalleryClient.create("refusals");
        byte[] png = TestImages.png(1, 8, 8);
        Response picture = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("x"), 1,
                List.of(png), "image/png").then().statusCode(201).extract().response();
        assertNull(picture.path("gifUrl"));
        String base = ((String) picture.path("imageUrl")).replaceAll("/0$", "");
        given().get(base + "/clip.gif").then().statusCode(404);
        given().get(base + "/clip.mp4").then().statusCode(404);
        given().get(base.replaceAll("/\\d+$", "/999999") + "/clip.mp4").then().statusCode(404);

        List<String> prompts = Collections.nCopies(2, "x");
        List<byte[]> frames = Collections.nCopies(2, png);
        for (double rate : new double[] {0, 0.05, -8, 121}) {
            GalleryClient.upload(gallery.slug(), gallery.editToken(), "flipbook", prompts, 1, frames, "image/png", rate)
                    .then().statusCode(400).body(containsString("frameRate"));
        }
        GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("x"), 1, List.of(png), "image/png", 8.0)
                .then().statusCode(400).body(containsString("frameRate"));
        given().get("/api/galleries/" + gallery.slug()).then().statusCode(200).body("items.size()", equalTo(1));
    }

    private static IIOMetadataNode gifMetadata(ImageReader reader, int index) throws IOException {
        return (IIOMetadataNode) reader.getImageMetadata(index).getAsTree("javax_imageio_gif_image_1.0");
    }

    private static IIOMetadataNode find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return (IIOMetadataNode) node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            IIOMetadataNode found = child instanceof IIOMetadataNode ? find(child, name) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Lossy encoders shift colours a little; a wrong frame is far off. */
    private static void assertClose(Color expected, Color actual) {
        int distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance < 40, "expected about " + expected + ", got " + actual);
    }

    private static String path(String url) {
        assertNotNull(url);
        return url.replaceFirst("^https?://[^/]+", "");
    }
}
