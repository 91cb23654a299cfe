package dev.livediffusion.engine;

/** Which runtime executes a model's graphs; chosen per model in the configuration. */
public enum EngineKind {
    /** DJL's OnnxRuntime engine on the CPU: works everywhere, the default. */
    ONNXRUNTIME,
    /** DJL's TensorRT engine with prebuilt plan files from {@code tensorrt-engines/}. */
    TENSORRT
}
