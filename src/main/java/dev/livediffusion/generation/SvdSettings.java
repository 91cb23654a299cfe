package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.EnumMap;
import java.util.Map;

/**
 * What shapes an SVD section besides its picture and seed, as diffusers' StableVideoDiffusionPipeline.__call__
 * names them; the UNet sees (fps - 1, motion_bucket_id, noise_aug_strength) as its added_time_ids, and guidance
 * runs per frame from min to max (none where max is 1 or less).
 */
public record SvdSettings(int steps, int fps, int motionBucketId, double noiseAugStrength, double minGuidanceScale,
                          double maxGuidanceScale) {

    /** The folder's model_index.json under the call's argument names, else diffusers' defaults. */
    static SvdSettings defaults(JsonNode modelIndex) {
        return new SvdSettings(modelIndex.path("num_inference_steps").asInt(25), modelIndex.path("fps").asInt(7),
                modelIndex.path("motion_bucket_id").asInt(127), modelIndex.path("noise_aug_strength").asDouble(0.02),
                modelIndex.path("min_guidance_scale").asDouble(1.0), modelIndex.path("max_guidance_scale").asDouble(3.0));
    }

    /** Every setting a prompt may name ({@link VideoSetting}) and its value here. */
    Map<VideoSetting, Double> values() {
        Map<VideoSetting, Double> values = new EnumMap<>(VideoSetting.class);
        values.put(VideoSetting.FPS, (double) fps);
        values.put(VideoSetting.MOTION_BUCKET_ID, (double) motionBucketId);
        values.put(VideoSetting.NOISE_AUG_STRENGTH, noiseAugStrength);
        values.put(VideoSetting.MIN_GUIDANCE_SCALE, minGuidanceScale);
        values.put(VideoSetting.MAX_GUIDANCE_SCALE, maxGuidanceScale);
        return values;
    }

    /** These settings with a prompt's {@code overrides} (within {@link VideoSetting}'s bounds) where it names them. */
    SvdSettings with(Map<VideoSetting, Double> overrides) {
        Map<VideoSetting, Double> v = values();
        v.putAll(overrides);
        return new SvdSettings(steps, v.get(VideoSetting.FPS).intValue(), v.get(VideoSetting.MOTION_BUCKET_ID).intValue(),
                v.get(VideoSetting.NOISE_AUG_STRENGTH), v.get(VideoSetting.MIN_GUIDANCE_SCALE),
                v.get(VideoSetting.MAX_GUIDANCE_SCALE));
    }

    boolean guided() {
        return maxGuidanceScale > 1;
    }

    /** The guidance of frame {@code f} of {@code frames}: torch.linspace(min, max, frames)[f]. */
    double guidance(int f, int frames) {
        return frames == 1 ? minGuidanceScale : minGuidanceScale + (maxGuidanceScale - minGuidanceScale) * f / (frames - 1);
    }
}
