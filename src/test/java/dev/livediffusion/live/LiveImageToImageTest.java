package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.decoding.JpegBombs;
import dev.livediffusion.generation.FailingEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.generation.InitImages;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image-to-image over /live: the binary prompt message with its init image (the tests' model has a vae_encoder). */
@QuarkusTest
class LiveImageToImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveSettings settings;
    @Inject
    PromptPolicy policy;

    @Test
    void helloSaysImageToImageIsAllowedAndHowLargeAnInitImageMayBe() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            JsonNode hello = client.nextOfType("hello", 10).json();
            assertEquals("{\"allowed\":true}", hello.path("models").get(0).path("imageToImage").toString());
            assertEquals(InitImages.MAX_BYTES, hello.path("limits").path("maxInitImageBytes").asInt());
        }
    }

    @Test
    void eachInitImageGetsItsOwnFrameAndTheLatestWins() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendInitImage(header(1, "a cat", 0.5), png(Color.RED));
            LiveClient.Message red = client.nextOfType("frame", 30);
            assertEquals(1, red.json().path("seq").asLong());
            assertTrue(red.json().path("batch").asInt() >= 1, "rendered, not the previous frame again");
            client.sendPrompt(2, "a cat", 3L);
            LiveClient.Message text = client.nextOfType("frame", 30);
            assertFalse(Arrays.equals(red.image(), text.image()), "the init image changes the picture");

            for (int seq = 3; seq <= 8; seq++) {
                client.sendInitImage(header(seq, "a cat", 0.5), png(new Color(seq * 30, 40, 200)));
            }
            long last = 0;
            while (last < 8) {
                long seq = client.nextOfType("frame", 30).json().path("seq").asLong();
                assertTrue(seq > last, "frames in increasing seq order");
                last = seq;
            }
            client.sendInitImage(header(9, "a cat", 0.5), png(Color.RED));
            assertArrayEquals(red.image(), client.nextOfType("frame", 30).image(), "the same input, the same frame");
        }
    }

    @Test
    void malformedAndOversizedInitImagesAreRefusedAndTheConnectionStaysUsable() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendBinary(new byte[] {1, 2, 3});
            expectError(client, "bad_binary", null);
            client.sendBinary(ByteBuffer.allocate(8).putInt(1000).array());
            expectError(client, "bad_binary", null);
            client.sendInitImage("{not json", png(Color.RED));
            expectError(client, "bad_json", null);
            client.sendInitImage("{\"type\":\"stop\",\"seq\":1}", png(Color.RED));
            expectError(client, "bad_binary", 1L);
            client.sendInitImage("{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"mode\":\"video\"}", png(Color.RED));
            expectError(client, "bad_binary", 1L);
            client.sendInitImage(header(1, "x", 1.5), png(Color.RED));
            expectError(client, "bad_strength", 1L);
            client.sendInitImage(header(1, "x", 0.5), "GIF89a....".getBytes());
            expectError(client, "bad_init_image", 1L);
            client.sendInitImage(header(1, "x", 0.5), Arrays.copyOf(png(Color.RED), InitImages.MAX_BYTES + 1));
            expectError(client, "init_image_too_large", 1L);
            client.sendInitImage(header(1, "x", 0.5),
                    JpegBombs.withLastScanRepeated(JpegBombs.progressive(32, 32, BufferedImage.TYPE_BYTE_GRAY), 100));
            expectError(client, "init_image_too_complex", 1L);
            client.sendInitImage(header(1, "x".repeat(5000), 0.5), png(Color.RED));
            expectError(client, "message_too_large", null);

            client.sendInitImage(header(1, "refused ones do not use up their seq", 0.5), png(Color.BLUE));
            assertEquals(1, client.nextOfType("frame", 30).json().path("seq").asLong());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void aModelWithoutVaeEncoderRefusesInitImages() throws Exception {
        ModelInfo model = FailingEngine.pipeline("unused").info();
        assertEquals("{\"allowed\":false,\"refusal\":\"img2img_unavailable\"}",
                JSON.writeValueAsString(ServerMessages.ImageToImage.of(model)), "what the hello says");
        byte[] header = header(1, "x", 0.5).getBytes(StandardCharsets.UTF_8);
        byte[] message = ByteBuffer.allocate(4 + header.length + 8).putInt(header.length).put(header).array();
        ProtocolException refused = assertThrows(ProtocolException.class,
                () -> InitImageMessage.parse(message, settings, policy, 0, model).decode());
        assertEquals("img2img_unavailable", refused.toMessage().code());
        assertEquals(1L, refused.toMessage().seq());
        assertTrue(refused.getMessage().contains("vae_encoder"), refused.getMessage());
    }

    private static LiveClient.Message expectError(LiveClient client, String code, Long seq) throws InterruptedException {
        LiveClient.Message error = client.nextOfType("error", 10);
        assertEquals(code, error.json().path("code").asText(), error.toString());
        assertEquals(seq == null ? "" : seq.toString(), error.json().path("seq").asText(), error.toString());
        return error;
    }

    private static String header(long seq, String text, double strength) {
        return "{\"type\":\"prompt\",\"seq\":" + seq + ",\"text\":\"" + text + "\",\"seed\":3,\"strength\":" + strength + "}";
    }

    /** A 64x64 sketch: a filled square of {@code color} on white. */
    private static byte[] png(Color color) throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(color);
        g.fillRect(16, 16, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
