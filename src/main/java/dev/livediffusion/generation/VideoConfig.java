package dev.livediffusion.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The video model: where from, at which size; it runs on the image model's engine and threads. */
@ConfigMapping(prefix = "app.video")
public interface VideoConfig {

    /** A model folder in the packed-context video layout; empty for the embedded one, if this build has it. */
    Optional<String> path();

    @WithDefault("true")
    boolean enabled();

    /** Frame size for graphs with open sizes; fixed-size graphs win. */
    @WithDefault("512")
    int width();

    @WithDefault("512")
    int height();
}
