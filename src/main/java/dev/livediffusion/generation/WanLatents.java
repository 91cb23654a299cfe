package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/** Latent frames of Wan's [1, C, T, h, w] layout, where a frame is a slice of the third axis. */
final class WanLatents {

    private WanLatents() {
    }

    /** Frames {@code from..from+count} of x, [1, C, count, h, w]. */
    static Tensor frames(Tensor x, int from, int count) {
        long[] s = x.shape();
        int channels = (int) s[1];
        int frames = (int) s[2];
        int plane = (int) (s[3] * s[4]);
        float[] out = new float[channels * count * plane];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(x.values(), (c * frames + from) * plane, out, c * count * plane, count * plane);
        }
        return new Tensor(out, new long[] {1, channels, count, s[3], s[4]});
    }

    /** x with its first frames replaced by (1 - level) context + level noise, context and noise [1, C, n, h, w]. */
    static Tensor withNoisedStart(Tensor x, Tensor context, Tensor noise, double level) {
        long[] s = x.shape();
        int channels = (int) s[1];
        int frames = (int) s[2];
        int plane = (int) (s[3] * s[4]);
        int span = (int) context.dim(2) * plane;
        float[] out = x.values().clone();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < span; i++) {
                out[c * frames * plane + i] = (float) ((1 - level) * context.values()[c * span + i]
                        + level * noise.values()[c * span + i]);
            }
        }
        return new Tensor(out, s);
    }
}
