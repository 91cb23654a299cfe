package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.util.OptionalInt;

/** Which image model serves, from where, on which engine. */
@ConfigMapping(prefix = "app.model")
public interface ModelConfig {

    /** A model folder in the optimum ONNX layout; empty for the embedded model bundled with the app. */
    Optional<String> path();

    @WithDefault("onnxruntime")
    EngineKind engine();

    /** Image size for models whose graphs leave it open (SD-Turbo exports); fixed-size graphs win. */
    @WithDefault("512")
    int width();

    @WithDefault("512")
    int height();

    /** Engine threads; all cores when unset. */
    OptionalInt threads();
}
