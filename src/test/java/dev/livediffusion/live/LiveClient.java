package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain JDK WebSocket client of /live, as any third-party client would be; decodes the frame format. */
public final class LiveClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received message: a text JSON object, or a binary frame's header plus its image bytes. */
    public record Message(JsonNode json, byte[] image, long receivedNanos) {
        public boolean isFrame() {
            return image != null;
        }

        public String type() {
            return isFrame() ? "frame" : json.path("type").asText();
        }
    }

    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private LiveClient(URI uri, String forwardedFor) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static LiveClient connect(URI httpBase) {
        return connect(httpBase, null);
    }

    /** As another client address would connect ({@code X-Forwarded-For}, which the test profile trusts from localhost). */
    public static LiveClient connect(URI httpBase, String forwardedFor) {
        return new LiveClient(URI.create(httpBase.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/live"),
                forwardedFor);
    }

    public void sendPrompt(long seq, String text, Long seed) {
        var message = JSON.createObjectNode().put("type", "prompt").put("seq", seq).put("text", text);
        if (seed != null) {
            message.put("seed", seed);
        }
        sendText(message.toString());
    }

    public void sendVideoPrompt(long seq, String text, long seed, int frames) {
        sendText(JSON.createObjectNode().put("type", "prompt").put("seq", seq).put("text", text).put("seed", seed)
                .put("mode", "video").put("frames", frames).toString());
    }

    /**
     * Reads frames 1 to {@code frames - 1} of a clip steered from seq {@code from} to seq {@code to}: each in order, on
     * {@code from} until the first on {@code to}, and on {@code to} from there on. Returns that first frame's index,
     * or -1 when the steer never reached the clip.
     */
    public int firstFrameOfTheSteer(int frames, long from, long to) throws InterruptedException {
        int first = -1;
        for (int i = 1; i < frames; i++) {
            JsonNode frame = nextOfType("frame", 60).json();
            org.junit.jupiter.api.Assertions.assertEquals(i, frame.path("index").asInt(), "frames in order");
            long seq = frame.path("seq").asLong();
            if (first < 0 && seq == to) {
                first = i;
            }
            org.junit.jupiter.api.Assertions.assertEquals(first < 0 ? from : to, seq, "frame " + i);
        }
        return first;
    }

    /** Tells the server frame {@code index} of clip {@code clip} is on screen. */
    public void sendPlayed(String clip, int index) {
        sendText(JSON.createObjectNode().put("type", "played").put("clip", clip).put("index", index).toString());
    }

    /**
     * The next video frame, reported played the moment it arrives: the server then makes the clip as fast as it can,
     * where a client that reports nothing gets it at the frame rate, a lead ahead.
     */
    public Message nextVideoFramePlayedAtOnce(double seconds) throws InterruptedException {
        Message frame = nextOfType("frame", seconds);
        sendPlayed(frame.json().path("clip").asText(), frame.json().path("index").asInt());
        return frame;
    }

    public void sendStop(long seq) {
        sendText(JSON.createObjectNode().put("type", "stop").put("seq", seq).toString());
    }

    public void sendText(String raw) {
        socket.sendText(raw, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** An image prompt with its init image: the header's length (4 bytes, big-endian), the header, the image. */
    public void sendInitImage(String header, byte[] image) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        sendBinary(ByteBuffer.allocate(4 + json.length + image.length).putInt(json.length).put(json).put(image).array());
    }

    /** The next message, or an AssertionError after {@code seconds}. */
    public Message next(double seconds) throws InterruptedException {
        Message message = inbox.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return message;
    }

    /** Skips messages until one of {@code type} arrives. */
    public Message nextOfType(String type, double seconds) throws InterruptedException {
        while (true) {
            Message message = next(seconds);
            if (message.type().equals(type)) {
                return message;
            }
        }
    }

    public Message poll(double seconds) throws InterruptedException {
        return inbox.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    inbox.add(new Message(JSON.readTree(text.toString()), null, System.nanoTime()));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent invalid JSON: " + text, e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                inbox.add(decode(binary.toByteArray()));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        private Message decode(byte[] packet) {
            ByteBuffer buffer = ByteBuffer.wrap(packet);
            int headerLength = buffer.getInt();
            String header = new String(packet, 4, headerLength, StandardCharsets.UTF_8);
            byte[] image = new byte[packet.length - 4 - headerLength];
            System.arraycopy(packet, 4 + headerLength, image, 0, image.length);
            try {
                return new Message(JSON.readTree(header), image, System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException("invalid frame header: " + header, e);
            }
        }
    }
}
