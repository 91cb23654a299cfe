package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The video model: where from, on which engine, at which size; it shares the image model's threads. */
@ConfigMapping(prefix = "app.video")
public interface VideoConfig {

    /** A model folder in the packed-context or the SVD-XT layout; empty for the embedded one, if this build has it. */
    Optional<String> path();

    @WithDefault("true")
    boolean enabled();

    /** As {@code app.model.engine}; unset, the video model runs on the image model's engine. */
    Optional<EngineKind> engine();

    /** Frame size for graphs with open sizes; fixed-size graphs win. */
    @WithDefault("512")
    int width();

    @WithDefault("512")
    int height();
}
