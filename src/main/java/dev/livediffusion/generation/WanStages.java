package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.engine.TensorSpec;

import java.io.IOException;
import java.util.stream.Stream;

/** Opens the three graphs of a Wan2.1 folder, checks them against each other and sizes the section from them. */
final class WanStages {

    /** Wan2.1's 480p default section: 21 latent frames (81 frames), 60x104 latents. */
    private static final int DEFAULT_LATENT_FRAMES = 21;

    private WanStages() {
    }

    static WanVideoPipeline open(ModelFolder folder, PipelineOptions options, InferenceEngines engines) throws IOException {
        WanTextEncoder text = new WanTextEncoder(folder.tokenizerJson(), engines.stage(folder.textEncoder()));
        WanTransformer transformer = new WanTransformer(engines.stage(folder.transformer()));
        JsonNode vae = folder.vaeConfig();
        WanDecoder decoder = new WanDecoder(engines.stage(folder.vaeDecoder()), floats(folder, vae, "latents_mean"),
                floats(folder, vae, "latents_std"));
        long length = transformer.textLength();
        if (length != TensorSpec.DYNAMIC && length != text.length()) {
            throw new GraphContractException(folder.transformer() + ": \"encoder_hidden_states\" takes " + length
                    + " tokens but text_encoder gives " + text.length());
        }
        // diffusers' Wan pipeline: 2^len(temperal_downsample) pixels a latent cell, 8 for Wan2.1's VAE
        int vaeScale = vae.path("temperal_downsample").isArray() ? 1 << vae.path("temperal_downsample").size() : 8;
        long[] latent = transformer.latentShape(DEFAULT_LATENT_FRAMES, options.height() / vaeScale,
                options.width() / vaeScale);
        JsonNode index = folder.modelIndex();
        int steps = index.path("num_inference_steps").asInt(options.steps());
        ModelInfo info = new ModelInfo(folder.name(), "video", options.engine(), engines.kind(), text.length(), 1,
                Stream.of(text.session(), transformer.session(), decoder.session()).map(StagePlacement::of).toList(),
                (int) latent[4] * vaeScale, (int) latent[3] * vaeScale, false, steps, vaeScale, false);
        return new WanVideoPipeline(text, transformer, decoder, folder.schedulerConfig(), WanGuidance.of(index), steps,
                index.path("fps").asInt(16), latent, info);
    }

    private static float[] floats(ModelFolder folder, JsonNode config, String key) {
        JsonNode list = config.path(key);
        if (!list.isArray() || list.size() != WanTransformer.CHANNELS) {
            throw new ModelFolder.ModelFolderException(folder.root().resolve("vae_decoder/config.json") + ": a Wan VAE"
                    + " needs \"" + key + "\", " + WanTransformer.CHANNELS + " values (AutoencoderKLWan's config)");
        }
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) list.get(i).asDouble();
        }
        return values;
    }
}
