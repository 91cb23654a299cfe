package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One model's graphs, text encoder(s), {@code unet}, {@code vae_decoder} and, where the folder has one,
 * {@code vae_encoder}, as the calls a pipeline makes: {@link #encode}, {@link #encodePictures}, {@link #predictNoise},
 * {@link #decode}. A pipeline makes them while it holds the engine.
 */
final class ModelGraphs implements AutoCloseable {

    /** The engine held by one generation; closing it lets the next one in. */
    interface EngineTurn extends AutoCloseable {
        @Override
        void close();
    }

    private final ModelFolder folder;
    private final PromptEncoder prompts;
    private final Denoiser denoiser;
    private final LatentDecoder decoder;
    /** Null where the folder has no vae_encoder: no image-to-image. */
    private final LatentEncoder pictures;
    /** Fair, so REST calls and the live scheduler take turns on the engine. */
    private final ReentrantLock engine = new ReentrantLock(true);

    ModelGraphs(ModelFolder folder, PromptEncoder prompts, Denoiser denoiser, LatentDecoder decoder,
                LatentEncoder pictures) {
        this.folder = folder;
        this.prompts = prompts;
        this.denoiser = denoiser;
        this.decoder = decoder;
        this.pictures = pictures;
    }

    /** Waits for the engine and keeps it, one generation at a time, until the turn is closed. */
    EngineTurn takeEngine() {
        engine.lock();
        return engine::unlock;
    }

    TextConditioning encode(String prompt) {
        return prompts.encode(prompt);
    }

    /** Latents in the UNet's units of pictures in [-1, 1], [batch, 3, H, W]. */
    Tensor encodePictures(Tensor images) {
        if (pictures == null) {
            throw new ImageToImageUnavailableException(folder.name());
        }
        return pictures.encode(images);
    }

    boolean encodesPictures() {
        return pictures != null;
    }

    /**
     * @param modelInput the latents as the UNet takes them (already scaled by the sampler), [batch, C, h, w]
     * @param conditions one per batch item
     * @param extra      further inputs the graph declares (SDXL's {@code time_ids}, a video model's context)
     */
    Tensor predictNoise(Tensor modelInput, int timestep, List<TextConditioning> conditions, Map<String, Tensor> extra) {
        return denoiser.predictNoise(modelInput, timestep, conditions, extra);
    }

    /** Images in [-1, 1], [batch, 3, H, W], of clean latents in the UNet's units. */
    Tensor decode(Tensor clean) {
        return decoder.decode(clean);
    }

    boolean takesInput(String name) {
        return denoiser.hasInput(name);
    }

    int latentChannels() {
        return denoiser.latentChannels();
    }

    /** The largest batch both the UNet and the decoder take. */
    int maxBatch() {
        return Math.min(denoiser.maxBatch(), decoder.maxBatch());
    }

    int maxTokens() {
        return prompts.maxTokens();
    }

    /** See {@link ModelFolder#latentSpace()}: read from the files when asked, as only video starts need it. */
    String latentSpace() {
        return folder.latentSpace();
    }

    /** Each graph with its engine, device and precision. */
    List<StagePlacement> stages() {
        return StagePlacement.of(prompts, denoiser, decoder, pictures);
    }

    @Override
    public void close() {
        prompts.close();
        denoiser.close();
        decoder.close();
        if (pictures != null) {
            pictures.close();
        }
    }
}
