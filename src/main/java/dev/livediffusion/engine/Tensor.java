package dev.livediffusion.engine;

import java.util.Arrays;

/**
 * A dense row-major tensor handed to and from engines. Values are kept as floats: token ids (below 2^24)
 * and timesteps are exact, and each engine converts to the element type its model declares.
 */
public record Tensor(float[] values, long[] shape) {

    public Tensor {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " values, got " + values.length);
        }
    }

    public static Tensor scalar(float value, long... shape) {
        float[] values = new float[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)];
        Arrays.fill(values, value);
        return new Tensor(values, shape);
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Every value multiplied by {@code factor} (in double, rounded once to float). */
    public Tensor times(double factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (values[i] * factor);
        }
        return new Tensor(out, shape);
    }

    /** Rows {@code from..from+count} of the first axis, e.g. one item of a batch. */
    public Tensor slice(int from, int count) {
        int row = values.length / (int) shape[0];
        long[] sliced = shape.clone();
        sliced[0] = count;
        return new Tensor(Arrays.copyOfRange(values, from * row, (from + count) * row), sliced);
    }

    /** Concatenation along the first axis: how requests of several clients become one batch. */
    public static Tensor stack(java.util.List<Tensor> parts) {
        Tensor first = parts.get(0);
        int row = first.values.length / (int) first.shape[0];
        long rows = parts.stream().mapToLong(t -> t.shape[0]).sum();
        float[] values = new float[(int) rows * row];
        int offset = 0;
        for (Tensor part : parts) {
            System.arraycopy(part.values, 0, values, offset, part.values.length);
            offset += part.values.length;
        }
        long[] shape = first.shape.clone();
        shape[0] = rows;
        return new Tensor(values, shape);
    }
}
