package dev.livediffusion.live;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The JSON the server sends; field names are the protocol documented in the README. */
final class ServerMessages {

    private ServerMessages() {
    }

    record Hello(String type, int protocol, List<Model> models, Limits limits, long defaultSeed) {
        Hello(List<Model> models, Limits limits, long defaultSeed) {
            this("hello", 1, models, limits, defaultSeed);
        }
    }

    record Model(String name, String kind, int maxTokens) {
    }

    record Limits(int maxPromptChars, int maxMessageBytes, int messagesPerSecond, int maxConnections, long maxSeed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, Long seq, String code, String message) {
        Error(Long seq, String code, String message) {
            this("error", seq, code, message);
        }
    }

    /** The JSON header in front of each binary frame. */
    record FrameHeader(String type, String kind, long seq, int width, int height, String mime, long seed, String model,
                       int tokens, int maxTokens, int batch, Map<String, Double> timings) {
    }
}
