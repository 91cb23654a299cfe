package dev.livediffusion.engine.onnx;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.livediffusion.engine.AcceleratorUnavailableException;
import dev.livediffusion.engine.DjlSession;
import dev.livediffusion.engine.InferenceSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Opens ONNX graphs with DJL's OnnxRuntime engine: on the CPU, or through ONNX Runtime's TensorRT provider. */
public final class OnnxRuntimeModels {

    private static final String ENGINE = "OnnxRuntime";

    private OnnxRuntimeModels() {
    }

    /**
     * Each graph has its own pool of {@code threads}. Their threads do not spin waiting for work: a pipeline's
     * graphs run one after another, and a pool left spinning after the UNet took the cores from the decoder
     * that ran next (on two cores the decoder took twice as long) and from the JPEG encoder after it.
     */
    public static InferenceSession onCpu(Path file, OnnxSignature signature, int threads) throws IOException {
        SessionOptions options = new SessionOptions();
        try {
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            Model model = load(file, Device.cpu(), new HashMap<>(Map.of(
                    "sessionOptions", options,
                    "intraOpNumThreads", Integer.toString(threads),
                    "interOpNumThreads", "1",
                    "optLevel", "ALL_OPT")));
            return new DjlSession(model, signature.inputs(), signature.outputs(), file.toString(),
                    "OnnxRuntime on cpu", options::close);
        } catch (OrtException | IOException | RuntimeException e) {
            options.close();
            throw e instanceof IOException io ? io : new IOException("OnnxRuntime could not load " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The TensorRT execution provider first, CUDA for what it leaves; fp16, and TensorRT's engines cached in
     * {@code cache} so only the first start builds them (minutes for a UNet).
     */
    public static InferenceSession withTensorRt(Path file, OnnxSignature signature, Path cache) {
        SessionOptions options = new SessionOptions();
        OrtTensorRTProviderOptions tensorRt = null;
        try {
            Files.createDirectories(cache);
            tensorRt = new OrtTensorRTProviderOptions(0);
            tensorRt.add("trt_engine_cache_enable", "1");
            tensorRt.add("trt_engine_cache_path", cache.toAbsolutePath().toString());
            tensorRt.add("trt_fp16_enable", "1");
            options.addTensorrt(tensorRt);
            // DJL adds the CUDA provider after these options for a GPU device: the fallback for other nodes
            Model model = load(file, Device.gpu(), new HashMap<>(Map.of("sessionOptions", options, "optLevel", "ALL_OPT")));
            OrtTensorRTProviderOptions provider = tensorRt;
            return new DjlSession(model, signature.inputs(), signature.outputs(), file.toString(),
                    "OnnxRuntime with the TensorRT execution provider on " + Device.gpu() + " (engine cache " + cache + ")",
                    () -> {
                        provider.close();
                        options.close();
                    });
        } catch (OrtException | IOException | RuntimeException e) {
            if (tensorRt != null) {
                tensorRt.close();
            }
            options.close();
            throw new AcceleratorUnavailableException("ONNX Runtime's TensorRT provider could not open " + file, e);
        }
    }

    /** This ONNX Runtime build has the TensorRT provider (the -Pgpu build) and a GPU is visible. */
    public static void requireTensorRtProvider() {
        try (SessionOptions options = new SessionOptions();
             OrtTensorRTProviderOptions tensorRt = new OrtTensorRTProviderOptions(0)) {
            options.addTensorrt(tensorRt);
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new AcceleratorUnavailableException("this ONNX Runtime build has no TensorRT execution provider"
                    + " (build with -Pgpu, and install TensorRT 10 and CUDA 12)", e);
        }
        if (Engine.getEngine(ENGINE).getGpuCount() == 0) {
            throw new AcceleratorUnavailableException("no CUDA GPU is visible");
        }
    }

    private static Model load(Path file, Device device, Map<String, Object> options) throws IOException {
        Model model = Model.newInstance(file.getParent().getFileName().toString(), device, ENGINE);
        try {
            model.load(file, null, options);
            return model;
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException("OnnxRuntime could not load " + file + ": " + e.getMessage(), e);
        }
    }
}
