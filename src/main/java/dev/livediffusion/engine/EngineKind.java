package dev.livediffusion.engine;

/** Which runtime executes a model's graphs; chosen per model in the configuration. */
public enum EngineKind {
    /** DJL's OnnxRuntime engine on the CPU: works everywhere, the default. */
    ONNXRUNTIME,
    /** DJL's TensorRT engine (TensorRT 8.x) with plan files prebuilt by {@code tensorrt-engines/build.sh}. */
    TENSORRT,
    /** DJL's OnnxRuntime engine with ONNX Runtime's TensorRT execution provider (GPU build, {@code -Pgpu}). */
    ONNXRUNTIME_TENSORRT,
    /** A remote Open Inference Protocol server (Triton, KServe) over gRPC, one model per stage. */
    KSERVE;

    /** As written in {@code app.model.engine}. */
    public String configName() {
        return name().toLowerCase().replace('_', '-');
    }
}
