package dev.livediffusion.instances;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** How this instance is named among those on the same database. */
@ConfigMapping(prefix = "app.instance")
public interface InstanceConfig {

    /** Shown on the admin dashboard; unset, the host name and process id. */
    Optional<String> name();
}
