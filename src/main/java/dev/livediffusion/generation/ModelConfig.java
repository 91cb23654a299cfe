package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Which image model serves, from where, on which engine. */
@ConfigMapping(prefix = "app.model")
public interface ModelConfig {

    /** A model folder in the optimum ONNX layout; empty for the embedded model bundled with the app. */
    Optional<String> path();

    /**
     * onnxruntime (CPU), tensorrt (DJL's TensorRT engine, plans from build.sh), onnxruntime-tensorrt (-Pgpu) or
     * kserve (a Triton / KServe server, {@link #kserve()}).
     */
    @WithDefault("onnxruntime")
    EngineKind engine();

    /** Euler ancestral steps, 1 to 4; 1 is the one-step Turbo math. */
    @WithDefault("1")
    int steps();

    /** Holds one folder per model: tensorrt's plans, onnxruntime-tensorrt's engine cache. */
    @WithDefault("tensorrt-engines")
    String tensorrtEngines();

    /** The batch the TensorRT plans were built for (build.sh --batch N); the most requests one run serves. */
    @WithDefault("1")
    int tensorrtBatch();

    /** Image size for models whose graphs leave it open (SD-Turbo exports); fixed-size graphs win. */
    @WithDefault("512")
    int width();

    @WithDefault("512")
    int height();

    /** The server of {@code app.model.engine=kserve} (and of {@code app.video.engine=kserve}). */
    Kserve kserve();

    /** Engine threads; all cores when unset. */
    OptionalInt threads();

    /** REST requests (POST /api/images, gallery generate) generating at once; the live loop is not counted. */
    @WithDefault("1")
    int oneShotConcurrency();

    /** How long a REST request waits for its turn before it is answered 503 busy. */
    @WithDefault("10s")
    Duration oneShotWait();

    interface Kserve {

        /** host:port of the server's gRPC endpoint; Triton's is 8001. */
        @WithDefault("localhost:8001")
        String url();

        /** How long one stage's call may take, retries included. */
        @WithDefault("10s")
        Duration deadline();

        /** Model names by stage ({@code app.model.kserve.models.unet=...}); unnamed: {@code <model folder>_<stage>}. */
        Map<String, String> models();
    }
}
