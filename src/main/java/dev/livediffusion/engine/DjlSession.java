package dev.livediffusion.engine;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph loaded by one of DJL's engines (OnnxRuntime, TensorRT). Inputs go in the declared order, which is
 * how TensorRT binds them (by position), each converted to its declared element type and rank.
 */
public final class DjlSession implements InferenceSession {

    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final String source;
    private final String placement;
    /** Native options the engine does not own (ONNX Runtime's SessionOptions), closed with the session. */
    private final AutoCloseable resources;

    public DjlSession(Model model, List<TensorSpec> inputs, List<TensorSpec> outputs, String source,
                      String placement, AutoCloseable resources) {
        this.model = model;
        this.predictor = model.newPredictor(new NoopTranslator());
        this.inputs = inputs;
        this.outputs = outputs;
        this.source = source;
        this.placement = placement;
        this.resources = resources;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feed) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList arrays = new NDList();
            long fedItems = -1; // where a smaller batch was padded up to a static one
            for (TensorSpec spec : inputs) {
                Tensor given = feed.get(spec.name());
                if (given == null) {
                    throw new IllegalArgumentException("missing input " + spec.name());
                }
                Tensor fed = padded(spec, given);
                if (fed != given) {
                    fedItems = given.dim(0);
                }
                NDArray array = toArray(manager, spec, fed);
                array.setName(spec.name());
                arrays.add(array);
            }
            Map<String, Tensor> results = new LinkedHashMap<>();
            for (NDArray array : predictor.predict(arrays)) {
                Tensor result = new Tensor(floats(array), array.getShape().getShape());
                boolean cut = fedItems > 0 && result.shape().length > 0 && result.dim(0) > fedItems;
                results.put(array.getName(), cut ? result.slice(0, (int) fedItems) : result);
            }
            return results;
        } catch (TranslateException e) {
            throw new IllegalStateException(placement + " run of " + source + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Fewer items than a static batch axis takes (a TensorRT plan built for N) are padded with copies of the
     * last; the results are cut back. Rank-1 inputs (the timestep) have no batch axis.
     */
    private static Tensor padded(TensorSpec spec, Tensor tensor) {
        if (spec.rank() < 2 || !spec.isStatic(0) || tensor.dim(0) >= spec.dims()[0]) {
            return tensor;
        }
        List<Tensor> rows = new ArrayList<>(List.of(tensor));
        rows.addAll(Collections.nCopies((int) (spec.dims()[0] - tensor.dim(0)), tensor.slice((int) tensor.dim(0) - 1, 1)));
        return Tensor.stack(rows);
    }

    /** An output's values as floats; half floats are widened here, as DJL's toType cannot. */
    private static float[] floats(NDArray array) {
        return switch (array.getDataType()) {
            case FLOAT32 -> array.toFloatArray();
            case FLOAT16 -> {
                ByteBuffer halves = array.toByteBuffer();
                float[] values = new float[halves.remaining() / 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float16.fromHalf(halves.getShort());
                }
                yield values;
            }
            default -> array.toType(DataType.FLOAT32, false).toFloatArray();
        };
    }

    /** Converts to the element type and rank the graph declares (scalar timesteps have rank 0). */
    private static NDArray toArray(NDManager manager, TensorSpec spec, Tensor tensor) {
        Shape shape = spec.rank() == 0 ? new Shape() : new Shape(tensor.shape());
        float[] values = tensor.values();
        return switch (spec.type()) {
            case FLOAT32 -> manager.create(values, shape);
            case FLOAT16 -> {
                // DJL's generic toType(FLOAT16) overflows its buffer (0.33): the half floats are made here
                ByteBuffer halves = ByteBuffer.allocateDirect(2 * values.length).order(ByteOrder.nativeOrder());
                for (float value : values) {
                    halves.putShort(Float16.toHalf(value));
                }
                yield manager.create(halves.rewind(), shape, DataType.FLOAT16);
            }
            case INT32 -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    ints[i] = Math.round(values[i]);
                }
                yield manager.create(ints, shape);
            }
            case INT64 -> {
                long[] longs = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    longs[i] = Math.round(values[i]);
                }
                yield manager.create(longs, shape);
            }
        };
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String placement() {
        return placement;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release " + placement + " resources of " + source, e);
        }
    }
}
