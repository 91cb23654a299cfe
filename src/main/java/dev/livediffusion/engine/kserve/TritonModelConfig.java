package dev.livediffusion.engine.kserve;

import dev.livediffusion.engine.TensorSpec;
import dev.livediffusion.engine.onnx.OnnxSignature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code config.pbtxt} of one stage in a Triton model repository, written by
 * {@code tensorrt-engines/triton-repository.sh}. Names, dtypes and dims come from the stage's ONNX file. The UNet,
 * the stage every typing client calls once per frame, gets Triton's dynamic batcher where each of its inputs has a
 * batch axis; a graph with a scalar or [1] timestep (SDXL-Turbo, video) takes one request at a time.
 */
public final class TritonModelConfig {

    private TritonModelConfig() {
    }

    /** Args: model name, stage, ONNX file, platform, UNet max batch, queue delay in microseconds; prints the config. */
    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: NAME STAGE MODEL.onnx PLATFORM MAX_BATCH QUEUE_DELAY_US");
        }
        System.out.print(of(args[0], args[1], OnnxSignature.read(Path.of(args[2])), args[3],
                Integer.parseInt(args[4]), Integer.parseInt(args[5])));
    }

    static String of(String name, String stage, OnnxSignature graph, String platform, int maxBatch, int queueDelayUs) {
        StringBuilder config = new StringBuilder()
                .append("name: \"").append(name).append("\"\n")
                .append("platform: \"").append(platform).append("\"\n");
        if (platform.equals("tensorrt_plan")) {
            // build.sh retypes and pins a plan's bindings; Triton reads them from the plan (its auto-complete)
            return config.append("max_batch_size: 0\n").toString();
        }
        boolean batched = stage.equals("unet") && maxBatch > 0
                && graph.inputs().stream().allMatch(TritonModelConfig::hasBatchAxis)
                && graph.outputs().stream().allMatch(TritonModelConfig::hasBatchAxis);
        config.append("max_batch_size: ").append(batched ? maxBatch : 0).append('\n');
        tensors(config, "input", graph.inputs(), batched);
        tensors(config, "output", graph.outputs(), batched);
        if (batched) {
            config.append("dynamic_batching {\n  max_queue_delay_microseconds: ").append(queueDelayUs).append("\n}\n");
        }
        return config.toString();
    }

    private static boolean hasBatchAxis(TensorSpec spec) {
        return spec.rank() > 0 && !spec.isStatic(0);
    }

    /** Without the batch axis where Triton batches; a tensor left without dims is [1] reshaped to a scalar. */
    private static void tensors(StringBuilder config, String kind, List<TensorSpec> specs, boolean batched) {
        config.append(kind).append(" [\n");
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec spec = specs.get(i);
            long[] dims = batched ? Arrays.copyOfRange(spec.dims(), 1, spec.rank()) : spec.dims();
            config.append("  {\n    name: \"").append(spec.name()).append("\"\n")
                    .append("    data_type: TYPE_").append(RawTensors.datatype(spec.type())).append('\n')
                    .append("    dims: [ ").append(dims.length == 0 ? "1" : join(dims)).append(" ]\n");
            if (dims.length == 0) {
                config.append("    reshape: { shape: [ ] }\n");
            }
            config.append(i + 1 < specs.size() ? "  },\n" : "  }\n");
        }
        config.append("]\n");
    }

    private static String join(long[] dims) {
        return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", "));
    }
}
