package dev.livediffusion.engine.kserve;

import dev.livediffusion.engine.AcceleratorUnavailableException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.TensorSpec;
import dev.livediffusion.engine.kserve.protocol.GRPCInferenceServiceGrpc;
import dev.livediffusion.engine.kserve.protocol.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.livediffusion.engine.kserve.protocol.ModelMetadataRequest;
import dev.livediffusion.engine.kserve.protocol.ModelMetadataResponse;
import dev.livediffusion.engine.kserve.protocol.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens stages served by a remote Open Inference Protocol server (Triton, KServe). A server that does not answer
 * or lacks a stage's model throws {@link AcceleratorUnavailableException}, so the CPU fallback applies as for the
 * GPU engines.
 */
public final class KserveModels {

    /** A decoded 512x512 batch of 4 is 12 MB, three times gRPC's default 4 MB limit. */
    private static final int MAX_MESSAGE_BYTES = 256 << 20;

    /**
     * Inference is a pure function of its inputs, so a call the server refused as UNAVAILABLE (restarting, its
     * queue full, a connection reset) is safe to send again; gRPC's own retry does so within the call's deadline.
     */
    private static final Map<String, Object> RETRY_POLICY = Map.of("methodConfig", List.of(Map.of(
            "name", List.of(Map.of("service", "inference.GRPCInferenceService")),
            "retryPolicy", Map.of(
                    "maxAttempts", 3.0,
                    "initialBackoff", "0.05s",
                    "maxBackoff", "0.5s",
                    "backoffMultiplier", 2.0,
                    "retryableStatusCodes", List.of("UNAVAILABLE")))));

    private KserveModels() {
    }

    /** The server answers {@code ServerReady} with ready, within the deadline. */
    public static void requireReady(KserveSettings settings) {
        ManagedChannel channel = channel(settings);
        try {
            if (!stub(channel, settings).serverReady(ServerReadyRequest.getDefaultInstance()).getReady()) {
                throw new AcceleratorUnavailableException("the KServe server at " + settings.url() + " is not ready");
            }
        } catch (StatusRuntimeException e) {
            throw new AcceleratorUnavailableException("the KServe server at " + settings.url() + " did not answer ("
                    + e.getStatus().getCode() + ")", e);
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * The stage's inputs and outputs are the server's {@code ModelMetadata} for it.
     *
     * @param source the stage's file in the model folder, whose name the admin page and messages give
     */
    public static InferenceSession stage(KserveSettings settings, String model, String source) {
        ManagedChannel channel = channel(settings);
        try {
            ModelMetadataResponse metadata = stub(channel, settings)
                    .modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build());
            String where = "KServe model " + model + " at " + settings.url();
            return new KserveSession(GRPCInferenceServiceGrpc.newBlockingStub(channel), channel::shutdownNow, model, settings.deadline(),
                    specs(metadata.getInputsList(), where), specs(metadata.getOutputsList(), where),
                    where, source, where + " (" + metadata.getPlatform() + ")");
        } catch (StatusRuntimeException e) {
            channel.shutdownNow();
            // Triton answers NOT_FOUND, older releases UNAVAILABLE "Request for unknown model"
            boolean missing = e.getStatus().getCode() == Status.Code.NOT_FOUND
                    || String.valueOf(e.getStatus().getDescription()).contains("unknown model");
            throw new AcceleratorUnavailableException(missing
                    ? "the KServe server at " + settings.url() + " has no model \"" + model + "\" (lay one out with"
                    + " tensorrt-engines/triton-repository.sh, or name it in app.model.kserve.models.<stage>)"
                    : "the KServe server at " + settings.url() + " gave no metadata for \"" + model + "\"", e);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    private static List<TensorSpec> specs(List<ModelMetadataResponse.TensorMetadata> tensors, String where) {
        return tensors.stream().map(t -> new TensorSpec(t.getName(),
                RawTensors.elementType(t.getDatatype(), where + ": " + t.getName()),
                t.getShapeList().stream().mapToLong(Long::longValue).toArray())).toList();
    }

    private static ManagedChannel channel(KserveSettings settings) {
        return ManagedChannelBuilder.forTarget(settings.url())
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .defaultServiceConfig(RETRY_POLICY)
                .enableRetry()
                .build();
    }

    /** A deadline is fixed when the stub is made: one stub per call. */
    private static GRPCInferenceServiceBlockingStub stub(ManagedChannel channel, KserveSettings settings) {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }
}
