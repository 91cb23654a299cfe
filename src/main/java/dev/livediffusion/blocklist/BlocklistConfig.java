package dev.livediffusion.blocklist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The prompt blocklist's settings; the prefix is the one operators already set, so it stays. */
@ConfigMapping(prefix = "app.moderation")
public interface BlocklistConfig {

    /** Where the prompt blocklist was kept before the database; imported into it once. */
    @WithDefault("data/blocklist.txt")
    String blocklistFile();
}
