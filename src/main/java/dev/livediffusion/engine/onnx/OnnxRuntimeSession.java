package dev.livediffusion.engine.onnx;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ONNX graph run by DJL's OnnxRuntime engine on the CPU. */
public final class OnnxRuntimeSession implements InferenceSession {

    private final Path file;
    private final OnnxSignature signature;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;

    private OnnxRuntimeSession(Path file, OnnxSignature signature, ZooModel<NDList, NDList> model) {
        this.file = file;
        this.signature = signature;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    public static OnnxRuntimeSession load(Path file, OnnxSignature signature, int threads) throws IOException {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optDevice(Device.cpu())
                .optTranslator(new NoopTranslator())
                .optOption("intraOpNumThreads", Integer.toString(threads))
                .optOption("interOpNumThreads", "1")
                .optOption("optLevel", "ALL_OPT")
                .build();
        try {
            return new OnnxRuntimeSession(file, signature, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("OnnxRuntime could not load " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList feed = new NDList();
            for (TensorSpec spec : signature.inputs()) {
                Tensor tensor = inputs.get(spec.name());
                if (tensor == null) {
                    throw new IllegalArgumentException("missing input " + spec.name());
                }
                NDArray array = toArray(manager, spec, tensor);
                array.setName(spec.name());
                feed.add(array);
            }
            NDList result = predictor.predict(feed);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            for (NDArray array : result) {
                NDArray floats = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
                outputs.put(array.getName(), new Tensor(floats.toFloatArray(), array.getShape().getShape()));
            }
            return outputs;
        } catch (TranslateException e) {
            throw new IllegalStateException("OnnxRuntime run failed: " + e.getMessage(), e);
        }
    }

    /** Converts to the element type and rank the file declares (scalar timesteps have rank 0). */
    private static NDArray toArray(NDManager manager, TensorSpec spec, Tensor tensor) {
        Shape shape = spec.rank() == 0 ? new Shape() : new Shape(tensor.shape());
        float[] values = tensor.values();
        return switch (spec.type()) {
            case FLOAT32 -> manager.create(values, shape);
            case FLOAT16 -> manager.create(values, shape).toType(DataType.FLOAT16, false);
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
        return signature.inputs();
    }

    @Override
    public List<TensorSpec> outputs() {
        return signature.outputs();
    }

    @Override
    public String source() {
        return file.toString();
    }

    @Override
    public String placement() {
        return "OnnxRuntime on cpu";
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
