package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.generation.ImageRequest;

import java.nio.charset.StandardCharsets;

/**
 * {@code {"type":"prompt","seq":N,"text":"...","seed":S}}, validated. Anything else a client may send is
 * refused here with the error code the README documents.
 */
record PromptMessage(long seq, String text, long seed, long receivedNanos) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ImageRequest toRequest() {
        return new ImageRequest(text, seed);
    }

    static PromptMessage parse(String raw, LiveSettings settings, long defaultSeed) {
        if (raw.getBytes(StandardCharsets.UTF_8).length > settings.maxMessageBytes()) {
            throw new ProtocolException("message_too_large", null,
                    "messages are limited to " + settings.maxMessageBytes() + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (Exception e) {
            throw new ProtocolException("bad_json", null, "the message is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException("bad_json", null, "the message must be a JSON object");
        }
        String type = node.path("type").asText("");
        Long seq = PromptRules.wholeNumber(node.get("seq"));
        if (!type.equals("prompt")) {
            throw new ProtocolException("unknown_type", seq, "unknown message type \"" + type + "\"; expected \"prompt\"");
        }
        if (seq == null || seq < 0) {
            throw new ProtocolException("bad_seq", null, "\"seq\" must be a non-negative integer");
        }
        String text = PromptRules.text(node.get("text"), settings, seq);
        return new PromptMessage(seq, text, PromptRules.seed(node.get("seed"), seq, defaultSeed), System.nanoTime());
    }
}
