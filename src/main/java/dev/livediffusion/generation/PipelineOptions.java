package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.EngineSettings;
import dev.livediffusion.engine.kserve.KserveSettings;
import dev.livediffusion.engine.tensorrt.TensorRtPlans;

import java.nio.file.Path;

/**
 * What {@link PipelineLoader} needs besides the model folder: {@link ModelConfig} in the app, built directly
 * in tests.
 *
 * @param steps           Euler ancestral steps, 1 (the one-step Turbo math) to {@link FewStepSampler#MAX_STEPS}
 * @param tensorRtEngines the folder holding one engine folder per model ({@code tensorrt-engines/})
 * @param tensorRtBatch   the batch the TensorRT plans were built for ({@code build.sh --batch N})
 * @param kserve          the inference server of {@link EngineKind#KSERVE}
 */
public record PipelineOptions(EngineKind engine, int threads, int width, int height, int steps,
                              Path tensorRtEngines, int tensorRtBatch, KserveSettings kserve) {

    public static PipelineOptions onCpu(int threads, int width, int height, int steps) {
        return new PipelineOptions(EngineKind.ONNXRUNTIME, threads, width, height, steps, Path.of("tensorrt-engines"), 1,
                null);
    }

    static PipelineOptions from(ModelConfig config) {
        return new PipelineOptions(config.engine(), config.threads().orElse(Runtime.getRuntime().availableProcessors()),
                config.width(), config.height(), config.steps(), Path.of(config.tensorrtEngines()), config.tensorrtBatch(),
                new KserveSettings(config.kserve().url(), config.kserve().deadline(), config.kserve().models()));
    }

    /**
     * The video model's: its own engine ({@code app.video.engine}, else the image model's) and frame size; threads,
     * the TensorRT folder and batch, and the inference server as for the image model.
     */
    public static PipelineOptions forVideo(ModelConfig model, VideoConfig video) {
        PipelineOptions image = from(model);
        return new PipelineOptions(video.engine().orElse(image.engine), image.threads, video.width(), video.height(),
                image.steps, image.tensorRtEngines, image.tensorRtBatch, image.kserve);
    }

    /** The engines for one model; TensorRT plans are static, built for this image size and batch. */
    EngineSettings engineSettings(String model, int vaeScale) {
        return new EngineSettings(engine, threads,
                new TensorRtPlans(tensorRtEngines.resolve(model), tensorRtBatch, height / vaeScale, width / vaeScale),
                kserve);
    }
}
