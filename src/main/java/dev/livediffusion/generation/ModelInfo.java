package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a loaded model is, fixed when it loads: what the hello message, the admin pages, the live settings and the
 * readiness check show or follow.
 *
 * @param name       the model's name as shown to users and written into frame headers
 * @param kind       "image" or "video"
 * @param configured the engine configured for it
 * @param engine     the engine serving it: the configured one, or OnnxRuntime after a GPU engine could not serve
 * @param maxTokens  the text encoder's sequence length, start and end tokens included
 * @param maxBatch   the largest batch its graphs take in one call ({@link Integer#MAX_VALUE}: any)
 * @param stages     each graph with its engine, device and precision
 * @param width      the width of the pictures it draws, in pixels
 * @param height     their height
 * @param imageToImage whether it can start from a picture (its folder has a {@code vae_encoder})
 * @param steps      the sampler's steps when a request names none ({@code app.model.steps})
 * @param latentFactor pixels per latent cell (the VAE's scale factor): sizes are multiples of it
 * @param anySize    whether a request may ask for another size: its UNet's latent size is dynamic and its engine
 *                   is not TensorRT (whose plans are built for one size)
 */
public record ModelInfo(String name, String kind, EngineKind configured, EngineKind engine, int maxTokens, int maxBatch,
                        List<StagePlacement> stages, int width, int height, boolean imageToImage,
                        int steps, int latentFactor, boolean anySize) {

    public ModelInfo {
        stages = List.copyOf(stages);
    }

    /** Engine and device of every graph, e.g. "text_encoder: OnnxRuntime on cpu, unet: …", for logs. */
    public String placement() {
        return stages.stream().map(s -> s.graph() + ": " + s.placement()).collect(Collectors.joining(", "));
    }
}
