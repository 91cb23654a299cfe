package dev.livediffusion.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.livediffusion.generation.InitImageInput;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.generation.VideoSetting;

import java.util.LinkedHashMap;
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

    /**
     * A model; video only: {@code sectionFrames}, the frames made together (a steering prompt shows from the next
     * section), and {@code settings}, what a video prompt may set, by protocol name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(String name, String kind, int maxTokens, Integer frameRate, Integer maxFrames, List<String> firstFrames,
                 ImageToImage imageToImage, Parameters parameters, String contract, Integer sectionFrames,
                 Map<String, Setting> settings) {
        static Model image(ModelInfo model) {
            return new Model(model.name(), "image", model.maxTokens(), null, null, null, ImageToImage.of(model),
                    Parameters.of(model), null, null, null);
        }
    }

    /** A video setting's bounds [min, max], both allowed, and the model's default. */
    record Setting(Number min, Number max, @JsonProperty("default") Number defaultValue) {
        static Map<String, Setting> of(Map<VideoSetting, Double> defaults) {
            Map<String, Setting> settings = new LinkedHashMap<>();
            defaults.forEach((s, value) -> settings.put(s.protocolName(), new Setting(VideoSettingsInput.bound(s, s.min()),
                    VideoSettingsInput.bound(s, s.max()), VideoSettingsInput.bound(s, value))));
            return settings;
        }
    }

    /**
     * What an image prompt may name: steps [min, max] and the default, width and height [min, max] in multiples of
     * {@code multipleOf} ([size, size] where the model draws one size), and whether guidance fields are taken.
     */
    record Parameters(List<Integer> steps, int defaultSteps, List<Integer> width, List<Integer> height, int multipleOf,
                      boolean guidance) {
        static Parameters of(ModelInfo model) {
            List<Integer> width = model.anySize() ? List.of(ImageParameters.MIN_SIDE, ImageParameters.MAX_SIDE)
                    : List.of(model.width(), model.width());
            List<Integer> height = model.anySize() ? width : List.of(model.height(), model.height());
            return new Parameters(List.of(1, ImageParameters.MAX_STEPS), model.steps(), width, height,
                    model.latentFactor(), false);
        }
    }

    /** Whether an image model takes init images (binary prompts); when not, the code such a prompt is refused with. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageToImage(boolean allowed, String refusal) {
        static ImageToImage of(ModelInfo model) {
            return new ImageToImage(model.imageToImage(), model.imageToImage() ? null : InitImageInput.UNAVAILABLE);
        }
    }

    record Limits(int maxPromptChars, int maxMessageBytes, int messagesPerSecond, int maxConnections, long maxSeed,
                  long maxSeq, int maxInitImageBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, Long seq, String code, String message) {
        Error(Long seq, String code, String message) {
            this("error", seq, code, message);
        }

        /** The engine threw while making the picture for {@code seq} (null for a REST request). */
        static Error generationFailed(Long seq, RuntimeException cause) {
            return new Error(seq, "generation_failed", "the engine failed: " + cause.getMessage());
        }
    }

    /**
     * The JSON header in front of each binary frame; {@code batch} only on image frames, the video's fields only on
     * video frames.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FrameHeader(String type, String kind, long seq, int width, int height, String mime, long seed, String model,
                       int tokens, int maxTokens, Integer batch, Map<String, Double> timings,
                       @JsonUnwrapped VideoPosition position) {

        static FrameHeader image(long seq, GeneratedImage frame, int maxTokens, int batch, Map<String, Double> timings) {
            return of("image", seq, frame, maxTokens, batch, timings, null);
        }

        static FrameHeader video(long seq, GeneratedImage frame, int maxTokens, VideoPosition position) {
            return of("video", seq, frame, maxTokens, null, frame.timingsMs(), position);
        }

        private static FrameHeader of(String kind, long seq, GeneratedImage frame, int maxTokens, Integer batch,
                                      Map<String, Double> timings, VideoPosition position) {
            return new FrameHeader("frame", kind, seq, frame.width(), frame.height(), frame.mime(), frame.seed(),
                    frame.model(), frame.tokens(), maxTokens, batch, timings, position);
        }
    }

    /**
     * Where a video frame sits: the video's id, the frame's index of {@code frames}, and the video's frame rate. The
     * protocol calls a video a clip.
     */
    record VideoPosition(@JsonProperty("clip") String id, int index, int frames, int frameRate) {
    }

    /**
     * A video is over: {@code reason} is "done", "stopped" or "error"; {@code stoppedAt} is how many frames had
     * been sent when the stop came.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VideoEnd(String type, @JsonProperty("clip") String id, int frames, String reason, Integer stoppedAt) {
        VideoEnd(String id, int frames, String reason, Integer stoppedAt) {
            this("clip_end", id, frames, reason, stoppedAt);
        }
    }
}
