package dev.livediffusion.engine.kserve;

import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;
import dev.livediffusion.engine.kserve.protocol.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.livediffusion.engine.kserve.protocol.ModelInferRequest;
import dev.livediffusion.engine.kserve.protocol.ModelInferRequest.InferInputTensor;
import dev.livediffusion.engine.kserve.protocol.ModelInferResponse;
import dev.livediffusion.engine.kserve.protocol.ModelInferResponse.InferOutputTensor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One stage run by a remote server's {@code ModelInfer}: one call per run, tensors as raw little-endian bytes. */
final class KserveSession implements InferenceSession {

    private final GRPCInferenceServiceBlockingStub stub;
    private final Runnable closer;
    private final String model;
    private final Duration deadline;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final String where;
    private final String source;
    private final String placement;

    /**
     * @param where     "KServe model m at host:port", for the messages of a failed call
     * @param source    the stage's file in the model folder
     * @param placement where, and the server's platform for the model
     */
    KserveSession(GRPCInferenceServiceBlockingStub stub, Runnable closer, String model, Duration deadline,
                  List<TensorSpec> inputs, List<TensorSpec> outputs, String where, String source, String placement) {
        this.stub = stub;
        this.closer = closer;
        this.model = model;
        this.deadline = deadline;
        this.inputs = inputs;
        this.outputs = outputs;
        this.where = where;
        this.source = source;
        this.placement = placement;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feed) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
        for (TensorSpec spec : inputs) {
            Tensor given = feed.get(spec.name());
            if (given == null) {
                throw new IllegalArgumentException("missing input " + spec.name());
            }
            request.addInputs(InferInputTensor.newBuilder().setName(spec.name())
                    .setDatatype(RawTensors.datatype(spec.type()))
                    .addAllShape(Arrays.stream(declaredShape(spec, given)).boxed().toList()));
            request.addRawInputContents(RawTensors.encode(given.values(), spec.type()));
        }
        ModelInferResponse response;
        try {
            response = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).modelInfer(request.build());
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException(failure(e.getStatus()), e);
        }
        if (response.getRawOutputContentsCount() != response.getOutputsCount()) {
            throw new IllegalStateException(where + " answered without raw_output_contents");
        }
        Map<String, Tensor> results = new LinkedHashMap<>();
        for (int i = 0; i < response.getOutputsCount(); i++) {
            InferOutputTensor output = response.getOutputs(i);
            String name = where + ": " + output.getName();
            float[] values = RawTensors.decode(response.getRawOutputContents(i),
                    RawTensors.elementType(output.getDatatype(), name), name);
            results.put(output.getName(), new Tensor(values, output.getShapeList().stream().mapToLong(Long::longValue).toArray()));
        }
        return results;
    }

    /**
     * The tensor's shape, or the declared one where the ranks differ: a Triton model that batches declares a
     * [batch] timestep as [batch, 1] ({@code dims: [1]} with a reshape), and a scalar as [1].
     */
    static long[] declaredShape(TensorSpec spec, Tensor tensor) {
        if (spec.rank() == tensor.shape().length) {
            return tensor.shape();
        }
        long[] shape = spec.dims().clone();
        long known = Arrays.stream(shape).filter(d -> d != TensorSpec.DYNAMIC).reduce(1, Math::multiplyExact);
        long open = Arrays.stream(shape).filter(d -> d == TensorSpec.DYNAMIC).count();
        int count = tensor.values().length;
        if (open > 1 || count % known != 0 || open == 0 && known != count) {
            throw new GraphContractException("input " + spec.name() + ": " + count + " values do not fit " + spec);
        }
        for (int axis = 0; axis < shape.length; axis++) {
            shape[axis] = shape[axis] == TensorSpec.DYNAMIC ? count / known : shape[axis];
        }
        return shape;
    }

    private String failure(Status status) {
        String why = switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "no answer within " + deadline.toMillis() + " ms (app.model.kserve.deadline)";
            case UNAVAILABLE -> "the server is unreachable (" + status.getDescription() + ")";
            default -> status.getCode() + " " + status.getDescription();
        };
        return where + ": ModelInfer failed: " + why;
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
        closer.run();
    }
}
