package dev.livediffusion.compat.openai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** How the OpenAI API answers clients that name OpenAI's own models. */
@ConfigMapping(prefix = "app.openai")
public interface OpenAiConfig {

    /**
     * OpenAI image model names the served model answers to, so clients that always send one (Open WebUI's
     * "dall-e-2" default, LibreChat's "dall-e-3" and "gpt-image-1") draw here; a name not listed and not the
     * served model's is refused.
     */
    @WithDefault("dall-e-2,dall-e-3,gpt-image-1,gpt-image-1-mini,gpt-image-1.5,chatgpt-image-latest")
    Set<String> modelAliases();
}
