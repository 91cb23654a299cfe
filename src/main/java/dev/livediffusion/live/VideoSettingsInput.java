package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.VideoSetting;

import java.util.EnumMap;
import java.util.Map;

/**
 * The optional {@link VideoSetting}s of a video prompt ({@code "fps"}, {@code "motionBucketId"}, ...), each refused
 * out of its bounds with its own code ({@code bad_fps}, ...). Whether the video model takes them is the streamer's
 * to check, as it knows the model.
 */
final class VideoSettingsInput {

    private VideoSettingsInput() {
    }

    /** The settings the message names; empty where it names none. */
    static Map<VideoSetting, Double> read(JsonNode node, long seq) {
        Map<VideoSetting, Double> settings = new EnumMap<>(VideoSetting.class);
        for (VideoSetting setting : VideoSetting.values()) {
            JsonNode value = node.get(setting.protocolName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isNumber() || !setting.allows(value.doubleValue())) {
                throw new ProtocolException(setting.refusalCode(), seq, "\"" + setting.protocolName() + "\" must be "
                        + (setting.whole() ? "an integer" : "a number") + " from " + bound(setting, setting.min())
                        + " to " + bound(setting, setting.max()));
            }
            settings.put(setting, value.doubleValue());
        }
        return settings;
    }

    /** Whether the message names any of them (an image prompt may not). */
    static boolean named(JsonNode node) {
        for (VideoSetting setting : VideoSetting.values()) {
            if (node.has(setting.protocolName())) {
                return true;
            }
        }
        return false;
    }

    /** A bound or default as JSON shows it: an integer for whole-number settings. */
    static Number bound(VideoSetting setting, double value) {
        return setting.whole() ? (Number) Math.round(value) : (Number) value;
    }
}
