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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(String name, String kind, int maxTokens, Integer frameRate, Integer maxFrames) {
        static Model image(String name, int maxTokens) {
            return new Model(name, "image", maxTokens, null, null);
        }
    }

    record Limits(int maxPromptChars, int maxMessageBytes, int messagesPerSecond, int maxConnections, long maxSeed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, Long seq, String code, String message) {
        Error(Long seq, String code, String message) {
            this("error", seq, code, message);
        }
    }

    /**
     * The JSON header in front of each binary frame; {@code clip}, {@code index}, {@code frames} and
     * {@code frameRate} only on video frames.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FrameHeader(String type, String kind, long seq, int width, int height, String mime, long seed, String model,
                       int tokens, int maxTokens, Integer batch, Map<String, Double> timings, String clip,
                       Integer index, Integer frames, Integer frameRate) {
    }

    /** A clip is over: {@code reason} is "done", "stopped" or "error". */
    record ClipEnd(String type, String clip, int frames, String reason) {
        ClipEnd(String clip, int frames, String reason) {
            this("clip_end", clip, frames, reason);
        }
    }
}
