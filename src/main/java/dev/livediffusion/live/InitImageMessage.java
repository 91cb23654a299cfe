package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.InitImageInput;
import dev.livediffusion.generation.InitImages;
import dev.livediffusion.generation.InitImages.InitImageException;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one binary message a client may send: an image prompt with the picture it starts from, laid out as the
 * server's frames are. A 4-byte big-endian length L, L bytes of UTF-8 JSON shaped as a text prompt plus an optional
 * {@code "strength"}, then the PNG or JPEG bytes. Parsed in two steps: the header on the event loop, as it is read
 * ({@link #parse}), the picture later off it ({@link #decode}), which costs up to a megapixel's decode.
 *
 * @param prompt the header's prompt, without its picture yet
 */
record InitImageMessage(PromptMessage prompt, byte[] image, JsonNode strength, ModelInfo model) {

    /** The largest init image with room for its header, under the transport's 256 KiB so the 1009 close can happen. */
    static final int MAX_BYTES = InitImages.MAX_BYTES + 16 * 1024;
    private static final String LAYOUT = "a binary message is an image prompt with its init image: a 4-byte big-endian"
            + " header length, the JSON header {\"type\":\"prompt\",\"seq\":..,\"text\":..,\"strength\":..}, then a PNG"
            + " or JPEG";

    static InitImageMessage parse(byte[] packet, LiveSettings settings, PromptPolicy policy, long defaultSeed,
                               ModelInfo model) {
        int headerLength = packet.length < 4 ? -1 : ByteBuffer.wrap(packet).getInt();
        if (headerLength < 2 || headerLength > packet.length - 4) {
            throw new ProtocolException("bad_binary", null, LAYOUT);
        }
        if (headerLength > settings.maxMessageBytes()) {   // before it is decoded: the header is a prompt message
            throw new ProtocolException("message_too_large", null,
                    "message headers are limited to " + settings.maxMessageBytes() + " bytes");
        }
        JsonNode header = ClientMessage.object(new String(packet, 4, headerLength, StandardCharsets.UTF_8), settings);
        ClientMessage message = ClientMessage.parse(header, settings, policy, defaultSeed, model);
        if (!(message instanceof PromptMessage prompt) || prompt.video()) {
            throw new ProtocolException("bad_binary", message instanceof PlayedMessage ? null : message.seq(),
                    LAYOUT + " (image prompts only)");
        }
        return new InitImageMessage(prompt, Arrays.copyOfRange(packet, 4 + headerLength, packet.length),
                header.get("strength"), model);
    }

    /** The prompt with its picture decoded, or refused as the REST twin refuses it. */
    PromptMessage decode() {
        try {
            return prompt.withInit(InitImageInput.read(image, strength, model));
        } catch (InitImageException e) {
            throw new ProtocolException(e.code(), prompt.seq(), e.getMessage());
        }
    }
}
