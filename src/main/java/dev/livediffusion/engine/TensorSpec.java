package dev.livediffusion.engine;

import java.util.Arrays;

/**
 * Name, element type and shape of a model input or output as the model file declares it.
 *
 * @param dims one entry per axis; {@link #DYNAMIC} where the file leaves the size open
 */
public record TensorSpec(String name, ElementType type, long[] dims) {

    public static final long DYNAMIC = -1;

    public int rank() {
        return dims.length;
    }

    public boolean isStatic(int axis) {
        return dims[axis] != DYNAMIC;
    }

    @Override
    public String toString() {
        return name + ":" + type.name().toLowerCase() + Arrays.toString(dims).replace("-1", "?");
    }
}
