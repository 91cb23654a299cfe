package dev.livediffusion.benchmark;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.kserve.OnnxInferenceServer;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.ModelFolder;
import dev.livediffusion.generation.PipelineLoader;
import dev.livediffusion.generation.PipelineOptions;
import dev.livediffusion.generation.TurboImagePipeline;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Open Inference Protocol costs per frame: the same model rendered by ONNX Runtime in this JVM and over
 * {@code kserve} against the in-process server (which runs the same ONNX files with ONNX Runtime), one thread each,
 * so the difference is gRPC, the raw-tensor copies and the loopback. Prints both medians, their ratio and each
 * stage's mean. Run:
 * {@code ./mvnw verify -Pbenchmark -Dit.test=KserveOverheadBenchmark} (another model: {@code -Dbenchmark.model=PATH}).
 */
class KserveOverheadBenchmark {

    private static final Path MODEL = Path.of(System.getProperty("benchmark.model",
            "src/main/resources/models/embedded-image"));
    private static final List<String> STAGES = List.of("text_encoder", "unet", "vae_decoder");
    private static final int WARM_UP = 5;
    private static final int RUNS = 40;

    @Test
    void measure() throws Exception {
        // The server's sessions run on one thread each, so the direct pipeline gets one too.
        try (OnnxInferenceServer server = new OnnxInferenceServer(MODEL, STAGES);
             TurboImagePipeline remote = PipelineLoader.load(new ModelFolder(MODEL), new PipelineOptions(EngineKind.KSERVE,
                     1, 512, 512, 1, Path.of("tensorrt-engines"), 1, server.settings()));
             TurboImagePipeline direct = PipelineLoader.load(new ModelFolder(MODEL), PipelineOptions.onCpu(1, 512, 512, 1))) {
            // Alternating the two spreads any drift of the shared cores over both.
            double[] directMs = new double[RUNS];
            double[] remoteMs = new double[RUNS];
            Map<String, Double> directStages = new LinkedHashMap<>();
            Map<String, Double> remoteStages = new LinkedHashMap<>();
            for (int i = -WARM_UP; i < RUNS; i++) {
                double d = frameMs(direct, i, i >= 0 ? directStages : new LinkedHashMap<>());
                double r = frameMs(remote, i, i >= 0 ? remoteStages : new LinkedHashMap<>());
                if (i >= 0) {
                    directMs[i] = d;
                    remoteMs[i] = r;
                }
            }
            double d = median(directMs);
            double r = median(remoteMs);
            System.out.printf("%nmodel %s, 512x512, one thread, per frame (a new prompt each: text, unet, decoder,"
                    + " image encoding), median of %d:%n", direct.info().name(), RUNS);
            System.out.printf("  onnxruntime direct %.1f ms, kserve (in-process server) %.1f ms: overhead %.1f ms, ratio %.2f%n",
                    d, r, r - d, r / d);
            directStages.forEach((stage, ms) -> System.out.printf("  %s: direct %.1f ms, kserve %.1f ms (means)%n",
                    stage, ms / RUNS, remoteStages.get(stage) / RUNS));
        }
    }

    /** A new prompt each frame, as a keystroke gives, so the text encoder runs too. */
    private static double frameMs(TurboImagePipeline pipeline, int i, Map<String, Double> stages) {
        long start = System.nanoTime();
        pipeline.generate(new ImageRequest("a red circle on a blue background " + i, 42)).timingsMs()
                .forEach((stage, ms) -> stages.merge(stage, ms, Double::sum));
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
