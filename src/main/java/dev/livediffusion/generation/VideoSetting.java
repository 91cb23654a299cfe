package dev.livediffusion.generation;

import java.util.Locale;

/**
 * What a video prompt may set besides its text, seed and length, with the bounds every model shares; the model's
 * folder gives the defaults ({@link VideoPipeline#settings()}), and a model lists only the settings it takes. SVD's
 * five are diffusers' StableVideoDiffusionPipeline arguments, camel-cased as the protocol spells fields.
 */
public enum VideoSetting {

    /** Frames per second: SVD's fps conditioning (the UNet sees fps - 1) and the rate the clip plays at. */
    FPS("fps", 1, 30, true),
    /** More motion the higher; SVD was trained on buckets 0 to 255. */
    MOTION_BUCKET_ID("motionBucketId", 0, 255, true),
    /** Noise added to the conditioning picture: the higher, the less the clip keeps to it. */
    NOISE_AUG_STRENGTH("noiseAugStrength", 0, 1, false),
    /** Guidance of the section's first frame; frames in between are guided linearly to the max. */
    MIN_GUIDANCE_SCALE("minGuidanceScale", 1, 20, false),
    /** Guidance of the section's last frame; no guidance (one UNet batch) where it is 1 or less. */
    MAX_GUIDANCE_SCALE("maxGuidanceScale", 1, 20, false);

    private final String protocolName;
    private final double min;
    private final double max;
    private final boolean whole;

    VideoSetting(String protocolName, double min, double max, boolean whole) {
        this.protocolName = protocolName;
        this.min = min;
        this.max = max;
        this.whole = whole;
    }

    public String protocolName() {
        return protocolName;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Whether only integers are taken. */
    public boolean whole() {
        return whole;
    }

    /** The code a value out of bounds is refused with: {@code bad_fps}, {@code bad_motion_bucket_id}, ... */
    public String refusalCode() {
        return "bad_" + name().toLowerCase(Locale.ROOT);
    }

    public boolean allows(double value) {
        return value >= min && value <= max && (!whole || value == Math.rint(value));
    }
}
