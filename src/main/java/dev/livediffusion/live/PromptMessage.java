package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.FirstFrame;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ImageToImage;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.generation.VideoSetting;
import dev.livediffusion.prompt.PromptPolicy;
import dev.livediffusion.prompt.PromptRefusedException;

import java.util.Map;
import java.util.Optional;

/**
 * {@code {"type":"prompt","seq":N,"text":"...","seed":S}}, and for video {@code "mode":"video","frames":K}:
 * starts a video of K frames, or steers the running one from its next frame; {@code "firstFrame":"image"|"model"}
 * says where a new video starts from (null here: the server's default). {@code init} is the picture an image prompt
 * starts from (sent as a binary message, {@link InitImageMessage}), or null; {@code parameters} an image prompt's
 * steps and size ({@link ImageParametersInput}; null for video); {@code videoSettings} what a video prompt sets of
 * the video model's {@link VideoSetting}s ({@link VideoSettingsInput}; empty for image prompts), read when it starts
 * a clip: a clip keeps the settings it started with.
 */
record PromptMessage(long seq, String text, long seed, boolean video, int frames, FirstFrame firstFrame,
                     ImageToImage init, ImageParameters parameters, Map<VideoSetting, Double> videoSettings,
                     long receivedNanos) implements ClientMessage {

    /** Video length when a video prompt names none: ten seconds at 8 frames/s. */
    static final int DEFAULT_FRAMES = 80;

    ImageRequest toRequest() {
        return new ImageRequest(text, seed, init, parameters);
    }

    PromptMessage withInit(ImageToImage picture) {
        return new PromptMessage(seq, text, seed, video, frames, firstFrame, picture, parameters, videoSettings,
                receivedNanos);
    }

    static PromptMessage from(JsonNode node, long seq, LiveSettings settings, PromptPolicy policy, long defaultSeed,
                              ModelInfo model) {
        String text;
        long seed;
        try {
            text = policy.text(node.get("text"));
            seed = policy.seed(node.get("seed"), () -> defaultSeed);
        } catch (PromptRefusedException e) {
            throw new ProtocolException(e.code(), seq, e.getMessage());
        }
        String mode = node.path("mode").asText("image");
        if (!mode.equals("image") && !mode.equals("video")) {
            throw new ProtocolException("bad_mode", seq, "\"mode\" must be \"image\" or \"video\"");
        }
        int frames = DEFAULT_FRAMES;
        if (node.hasNonNull("frames")) {
            Long value = PromptPolicy.wholeNumber(node.get("frames"));
            if (value == null || value < 1 || value > settings.maxVideoFrames()) {
                throw new ProtocolException("bad_frames", seq,
                        "\"frames\" must be an integer from 1 to " + settings.maxVideoFrames());
            }
            frames = value.intValue();
        }
        FirstFrame firstFrame = null;
        JsonNode from = node.get("firstFrame");
        if (from != null && !from.isNull()) {
            firstFrame = (from.isTextual() ? FirstFrame.fromProtocolName(from.textValue()) : Optional.<FirstFrame>empty())
                    .orElseThrow(() -> new ProtocolException("bad_first_frame", seq, "\"firstFrame\" must be \"image\" or \"model\""));
        }
        boolean video = mode.equals("video");
        if (video && ImageParametersInput.named(node)) {
            throw new ProtocolException("bad_parameters", seq, "steps, size and guidance apply to image prompts only");
        }
        if (!video && VideoSettingsInput.named(node)) {
            throw new ProtocolException("bad_parameters", seq, "fps, motionBucketId, noiseAugStrength and the guidance"
                    + " scales apply to video prompts only");
        }
        Map<VideoSetting, Double> videoSettings = video ? VideoSettingsInput.read(node, seq) : Map.of();
        ImageParameters parameters;
        try {
            parameters = video ? null : ImageParametersInput.read(node, model);
        } catch (ImageParameters.Refused e) {
            throw new ProtocolException(e.code(), seq, e.getMessage());
        }
        return new PromptMessage(seq, text, seed, video, frames, firstFrame, null, parameters, videoSettings,
                System.nanoTime());
    }
}
