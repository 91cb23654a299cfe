package dev.livediffusion.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.moderation")
public interface ModerationConfig {

    /** Where the prompt blocklist is kept. */
    @WithDefault("data/blocklist.txt")
    String blocklistFile();
}
