package dev.livediffusion.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client of /live written on a plain socket, so a test can do what the JDK client will not: stop reading
 * while it goes on sending, send frames of any size, and see exactly how the server ends the connection.
 */
final class RawLiveSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    /** One frame from the server; {@code closeCode} is -1 unless it is a close frame that carries one. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, opcode == CLOSE ? 2 : 0, payload.length - (opcode == CLOSE ? 2 : 0),
                    StandardCharsets.UTF_8);
        }

        int closeCode() {
            return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawLiveSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the upgrade; {@code receiveBuffer} bytes (0: the default) is the socket's window. */
    static RawLiveSocket connect(URI httpBase, int receiveBuffer) throws IOException {
        return connect(httpBase, "/live", "", receiveBuffer);
    }

    /** As {@link #connect(URI, int)}, to {@code path}, with {@code headers} ("Name: value\r\n" lines) added. */
    static RawLiveSocket connect(URI httpBase, String path, String headers, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(httpBase.getHost(), httpBase.getPort()), 5000);
        socket.setSoTimeout(10_000);
        RawLiveSocket raw = new RawLiveSocket(socket);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        raw.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + httpBase.getHost() + ":" + httpBase.getPort() + "\r\n"
                + headers + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        raw.out.flush();
        String status = raw.readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + status);
        }
        return raw;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One final frame, masked as a client's must be. */
    void send(int opcode, byte[] payload) throws IOException {
        out.write(encode(opcode, payload));
        out.flush();
    }

    /** Writes many frames in one go, as a client flooding the server would. */
    void sendAll(byte[] frames) throws IOException {
        out.write(frames);
        out.flush();
    }

    static byte[] encode(int opcode, byte[] payload) {
        int length = payload.length;
        ByteBuffer frame = ByteBuffer.allocate(14 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xffff) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        byte[] bytes = new byte[frame.position()];
        frame.flip().get(bytes);
        return bytes;
    }

    /**
     * The next message (continuation frames joined), the server's keep-alive pings left out (this client does not
     * answer them: the server's writes alone keep the connection from idling out); throws on end of stream, reset or
     * the read timeout.
     */
    Frame read() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            if ((first & 0x0f) == PING) {
                continue;
            }
            if ((first & 0x08) != 0) {
                return new Frame(first & 0x0f, payload);   // a control frame may come between fragments
            }
            opcode = opcode < 0 ? first & 0x0f : opcode;
            message.writeBytes(payload);
            if ((first & 0x80) != 0) {
                return new Frame(opcode, message.toByteArray());
            }
        }
    }

    /** Frames until a close frame arrives, which it returns. */
    Frame readUntilClose() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    InputStream input() {
        return in;
    }

    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
