package dev.livediffusion.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** One binary frame message: 4-byte big-endian header length L, L bytes of UTF-8 JSON header, the image. */
final class FramePacket {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FramePacket() {
    }

    static Buffer encode(ServerMessages.FrameHeader header, byte[] image) {
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Buffer.buffer(4 + json.length + image.length).appendInt(json.length).appendBytes(json).appendBytes(image);
    }

    static String json(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
