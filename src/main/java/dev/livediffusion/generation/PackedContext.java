package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One video's packed context, FramePack's idea: the first frame as an anchor against drift, the two most
 * recent frames at full detail, and everything older folded into one running average that the model
 * compresses. Its size does not grow with the video's length.
 */
final class PackedContext implements VideoContext {

    static final double HISTORY_DECAY = 0.75;

    private final long seed;
    private final long[] latentShape;
    /** Frame 0 made elsewhere (the image model's picture), or null when the video model draws it. */
    private final Supplier<Tensor> givenFirstFrame;
    private final int frameRate;
    private int nextIndex;
    private Tensor first;
    private Tensor previous;
    private Tensor beforePrevious;
    private Tensor history;

    PackedContext(long seed, long[] latentShape, Supplier<Tensor> givenFirstFrame, int frameRate) {
        this.seed = seed;
        this.latentShape = latentShape;
        this.givenFirstFrame = givenFirstFrame;
        this.frameRate = frameRate;
        this.history = zeros(1);
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int nextIndex() {
        return nextIndex;
    }

    @Override
    public int frameRate() {
        return frameRate;
    }

    /** The next frame's latent when it is not the video model's to make: frame 0 of a video started from a picture. */
    Optional<Tensor> givenFrame() {
        return nextIndex == 0 && givenFirstFrame != null ? Optional.of(givenFirstFrame.get()) : Optional.empty();
    }

    /** The context inputs of the next frame's denoiser call. */
    Map<String, Tensor> contextInputs() {
        if (first == null) {
            return Map.of("first_frame", zeros(1), "recent_frames", zeros(2), "history", history,
                    "has_context", Tensor.scalar(0f, 1));
        }
        Tensor older = beforePrevious != null ? beforePrevious : previous;
        return Map.of("first_frame", first, "recent_frames", concatChannels(previous, older), "history", history,
                "has_context", Tensor.scalar(1f, 1));
    }

    /** Records the clean latent of the frame just made. */
    void advance(Tensor latent) {
        if (first == null) {
            first = latent;
        }
        if (beforePrevious != null) {
            history = fold(history, beforePrevious);
        }
        beforePrevious = previous;
        previous = latent;
        nextIndex++;
    }

    /** The noise seed of denoising step {@code step} of the next frame: a fixed, portable derivation. */
    long noiseSeed(int step) {
        return seed + 0x9E3779B97F4A7C15L * (nextIndex * 16L + step + 1);
    }

    private static Tensor fold(Tensor history, Tensor frame) {
        float[] h = history.values();
        float[] f = frame.values();
        float[] out = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = (float) (HISTORY_DECAY * h[i] + (1 - HISTORY_DECAY) * f[i]);
        }
        return new Tensor(out, history.shape());
    }

    private static Tensor concatChannels(Tensor a, Tensor b) {
        float[] values = new float[a.values().length + b.values().length];
        System.arraycopy(a.values(), 0, values, 0, a.values().length);
        System.arraycopy(b.values(), 0, values, a.values().length, b.values().length);
        return new Tensor(values, new long[] {1, a.dim(1) + b.dim(1), a.dim(2), a.dim(3)});
    }

    private Tensor zeros(int frames) {
        long[] shape = latentShape.clone();
        shape[1] *= frames;
        return Tensor.scalar(0f, shape);
    }
}
