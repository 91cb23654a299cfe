package dev.livediffusion.engine;

import dev.livediffusion.engine.kserve.KserveSettings;
import dev.livediffusion.engine.tensorrt.TensorRtPlans;

/**
 * How to open the stages of one model.
 *
 * @param threads CPU threads for OnnxRuntime on the CPU
 * @param plans   this model's folder under {@code tensorrt-engines/}: the plans of {@link EngineKind#TENSORRT}, and

 *                the engine cache of {@link EngineKind#ONNXRUNTIME_TENSORRT}
 * @param kserve  the server of {@link EngineKind#KSERVE}
 */
public record EngineSettings(EngineKind kind, int threads, TensorRtPlans plans, KserveSettings kserve) {

    public static EngineSettings onCpu(int threads) {
        return new EngineSettings(EngineKind.ONNXRUNTIME, threads, null, null);
    }
}
