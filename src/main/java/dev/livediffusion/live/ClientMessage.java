package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;

/** A validated client message. Anything else a client may send is refused here with a documented code. */
sealed interface ClientMessage permits PromptMessage, StopMessage, PlayedMessage {

    ObjectMapper JSON = new ObjectMapper();
    /** JavaScript's largest safe integer, as for seeds: a browser's seq must stay exact, and increase. */
    long MAX_SEQ = (1L << 53) - 1;

    long seq();

    static ClientMessage parse(String raw, LiveSettings settings, PromptPolicy policy, long defaultSeed,
                               ModelInfo model) {
        return parse(object(raw, settings), settings, policy, defaultSeed, model);
    }

    /** The message as a JSON object, within {@code maxMessageBytes}. */
    static JsonNode object(String raw, LiveSettings settings) {
        if (Utf8.length(raw) > settings.maxMessageBytes()) {
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
        return node;
    }

    static ClientMessage parse(JsonNode node, LiveSettings settings, PromptPolicy policy, long defaultSeed,
                               ModelInfo model) {
        String type = node.path("type").asText("");
        Long seq = PromptPolicy.wholeNumber(node.get("seq"));
        if (!type.equals("prompt") && !type.equals("stop") && !type.equals("played")) {
            throw new ProtocolException("unknown_type", seq,
                    "unknown message type \"" + type + "\"; expected \"prompt\", \"stop\" or \"played\"");
        }
        if (type.equals("played")) {
            return PlayedMessage.from(node, settings);
        }
        if (seq == null || seq < 0 || seq > MAX_SEQ) {
            throw new ProtocolException("bad_seq", null, "\"seq\" must be an integer from 0 to " + MAX_SEQ);
        }
        return type.equals("stop") ? new StopMessage(seq) : PromptMessage.from(node, seq, settings, policy, defaultSeed, model);
    }
}
