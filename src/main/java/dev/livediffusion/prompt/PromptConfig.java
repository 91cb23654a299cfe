package dev.livediffusion.prompt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The start value of the prompt policy's limit; {@link PromptPolicy} holds the one in force. */
@ConfigMapping(prefix = "app.prompt")
public interface PromptConfig {

    /** Longest prompt in characters (code points); changeable in /admin/settings. */
    @WithDefault("400")
    int maxChars();
}
