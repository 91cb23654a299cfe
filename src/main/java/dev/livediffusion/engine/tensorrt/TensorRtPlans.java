package dev.livediffusion.engine.tensorrt;

import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.TensorSpec;

import java.nio.file.Path;

/**
 * The engines {@code tensorrt-engines/build.sh} writes for one model: {@code <folder>/<stage>[_bN].plan}, built
 * with static shapes (the given batch, 77 tokens, the latent size) from ONNX graphs retyped by
 * {@code training/tensorrt/retype_for_tensorrt.py}. The plan's bindings are the graph's inputs after that retyping.
 *
 * @param folder {@code tensorrt-engines/<model folder name>}
 */
public record TensorRtPlans(Path folder, int batch, int latentHeight, int latentWidth) {

    static final int TOKENS = 77;
    static final int LATENT_CHANNELS = 4;

    public TensorRtPlans {
        if (batch < 1) {
            throw new IllegalArgumentException("the TensorRT batch must be at least 1, got " + batch);
        }
    }

    /** {@code unet.plan} for batch 1, {@code unet_b4.plan} for batch 4: build.sh's names. */
    public Path plan(String stage) {
        return folder.resolve(stage + (batch > 1 ? "_b" + batch : "") + ".plan");
    }

    /**
     * An ONNX input as the plan binds it: int64 becomes int32 (DJL's TensorRT binds no int64), a scalar becomes
     * [1], and every dynamic axis takes the size retype_for_tensorrt.py pins by axis name: batch first
     * (steps for a rank-1 timestep: 1), then 77 tokens (rank 2 and 3) or 4 channels and the latent size (rank 4).
     */
    public TensorSpec bound(TensorSpec input) {
        ElementType type = input.type() == ElementType.INT64 ? ElementType.INT32 : input.type();
        long[] dims = input.rank() == 0 ? new long[] {1} : input.dims().clone();
        long[] pinned = switch (dims.length) {
            case 1 -> new long[] {1};
            case 2, 3 -> new long[] {batch, TOKENS, TensorSpec.DYNAMIC};
            case 4 -> new long[] {batch, LATENT_CHANNELS, latentHeight, latentWidth};
            default -> throw new IllegalArgumentException(input + ": no TensorRT shape rule for rank " + dims.length);
        };
        for (int axis = 0; axis < dims.length; axis++) {
            if (dims[axis] == TensorSpec.DYNAMIC) {
                dims[axis] = pinned[axis];
            }
        }
        return new TensorSpec(input.name(), type, dims);
    }
}
