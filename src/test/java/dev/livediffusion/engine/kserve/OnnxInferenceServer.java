package dev.livediffusion.engine.kserve;

import dev.livediffusion.engine.EngineSettings;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;
import dev.livediffusion.engine.kserve.protocol.GRPCInferenceServiceGrpc;
import dev.livediffusion.engine.kserve.protocol.ModelInferRequest;
import dev.livediffusion.engine.kserve.protocol.ModelInferResponse;
import dev.livediffusion.engine.kserve.protocol.ModelMetadataRequest;
import dev.livediffusion.engine.kserve.protocol.ModelMetadataResponse;
import dev.livediffusion.engine.kserve.protocol.ServerReadyRequest;
import dev.livediffusion.engine.kserve.protocol.ServerReadyResponse;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for Triton: the Open Inference Protocol's {@code ServerReady}, {@code ModelMetadata} and
 * {@code ModelInfer} on a local port, each model an ONNX graph run by ONNX Runtime on the CPU, answering as Triton
 * does (NOT_FOUND for an unknown model, raw little-endian contents in the declared datatypes).
 */
public final class OnnxInferenceServer implements GRPCInferenceServiceGrpc.AsyncService, AutoCloseable {

    private final Map<String, InferenceSession> models = new LinkedHashMap<>();
    private final Server server;
    private volatile Duration delay = Duration.ZERO;
    private final Map<String, String> declared = new ConcurrentHashMap<>();

    /** Serves {@code <folder name>_<stage>} for each given stage of a model folder. */
    public OnnxInferenceServer(Path folder, List<String> stages) throws IOException {
        InferenceEngines engines = InferenceEngines.open(folder.getFileName().toString(), EngineSettings.onCpu(1));
        for (String stage : stages) {
            models.put(folder.getFileName() + "_" + stage, engines.stage(folder.resolve(stage).resolve("model.onnx")));
        }
        server = ServerBuilder.forPort(0).addService(GRPCInferenceServiceGrpc.bindService(this)).build().start();
    }

    public String url() {
        return "localhost:" + server.getPort();
    }

    public KserveSettings settings() {
        return new KserveSettings(url(), Duration.ofSeconds(10), Map.of());
    }

    /** Every inference answers this much later, as a server under load would. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** {@code ModelMetadata} gives this datatype for a tensor, as a {@code config.pbtxt} at odds with its graph would. */
    void declare(String tensor, String datatype) {
        declared.put(tensor, datatype);
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        response.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
        response.onCompleted();
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        InferenceSession session = models.get(request.getName());
        if (session == null) {
            response.onError(Status.NOT_FOUND.withDescription("Request for unknown model: '" + request.getName()
                    + "' is not found").asRuntimeException());
            return;
        }
        response.onNext(ModelMetadataResponse.newBuilder().setName(request.getName()).setPlatform("onnxruntime_onnx")
                .addAllInputs(session.inputs().stream().map(this::metadata).toList())
                .addAllOutputs(session.outputs().stream().map(this::metadata).toList()).build());
        response.onCompleted();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        InferenceSession session = models.get(request.getModelName());
        if (session == null) {
            response.onError(Status.NOT_FOUND.asRuntimeException());
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
            Map<String, Tensor> feed = new HashMap<>();
            for (int i = 0; i < request.getInputsCount(); i++) {
                ModelInferRequest.InferInputTensor input = request.getInputs(i);
                String expected = RawTensors.datatype(session.requireInput(input.getName()).type());
                if (!expected.equals(input.getDatatype())) {
                    // Triton's words for an input in another datatype than its model's
                    response.onError(Status.INVALID_ARGUMENT.withDescription("inference input '" + input.getName()
                            + "' data-type is '" + input.getDatatype() + "', but model '" + request.getModelName()
                            + "' expects '" + expected + "'").asRuntimeException());
                    return;
                }
                float[] values = RawTensors.decode(request.getRawInputContents(i),
                        RawTensors.elementType(input.getDatatype(), input.getName()), input.getName());
                feed.put(input.getName(), new Tensor(values, input.getShapeList().stream().mapToLong(Long::longValue).toArray()));
            }
            ModelInferResponse.Builder answer = ModelInferResponse.newBuilder().setModelName(request.getModelName());
            Map<String, Tensor> results;
            synchronized (session) {
                results = session.run(feed);
            }
            for (TensorSpec spec : session.outputs()) {
                Tensor result = results.get(spec.name());
                answer.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName(spec.name())
                        .setDatatype(RawTensors.datatype(spec.type()))
                        .addAllShape(Arrays.stream(result.shape()).boxed().toList()));
                answer.addRawOutputContents(RawTensors.encode(result.values(), spec.type()));
            }
            response.onNext(answer.build());
            response.onCompleted();
        } catch (InterruptedException | RuntimeException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private ModelMetadataResponse.TensorMetadata metadata(TensorSpec spec) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(spec.name())
                .setDatatype(declared.getOrDefault(spec.name(), RawTensors.datatype(spec.type())))
                .addAllShape(Arrays.stream(spec.dims()).boxed().toList()).build();
    }

    @Override
    public void close() {
        server.shutdownNow();
        models.values().forEach(InferenceSession::close);
    }
}
