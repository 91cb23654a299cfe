package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * One model's graphs, text encoder(s), {@code unet} and {@code vae_decoder}, and the order every pipeline runs
 * them in: prompts to conditioning, then chunk by chunk the pipeline's own denoising and the decode, each stage
 * timed, one call on the engine at a time.
 */
final class ModelStages implements AutoCloseable {

    /** A pipeline's denoising of one chunk: the clean latents (x0, the UNet's units) of its prompts. */
    interface Denoising {
        Tensor cleanLatents(int from, List<TextConditioning> conditions);
    }

    private final String name;
    private final ModelFolder folder;
    private final EngineKind engine;
    private final PromptEncoder prompts;
    private final Denoiser denoiser;
    private final LatentDecoder decoder;
    /** Fair, so REST calls and the live scheduler take turns on the engine. */
    private final ReentrantLock engineTurn = new ReentrantLock(true);

    ModelStages(String name, ModelFolder folder, EngineKind engine, PromptEncoder prompts, Denoiser denoiser,
                LatentDecoder decoder) {
        this.name = name;
        this.folder = folder;
        this.engine = engine;
        this.prompts = prompts;
        this.denoiser = denoiser;
        this.decoder = decoder;
    }

    /** The decoder's output for each chunk of at most {@code chunk} prompts, [n, 3, H, W] in [-1, 1]. */
    List<Tensor> render(List<String> texts, int chunk, Stopwatch clock, Denoising denoising) {
        List<Tensor> images = new ArrayList<>();
        engineTurn.lock();
        try {
            List<TextConditioning> conditions = texts.stream().map(prompts::encode).toList();
            clock.lap("text");
            for (int from = 0; from < texts.size(); from += chunk) {
                Tensor clean = denoising.cleanLatents(from, conditions.subList(from, Math.min(texts.size(), from + chunk)));
                clock.lap("denoise");
                images.add(decoder.decode(clean));
                clock.lap("decode");
            }
        } finally {
            engineTurn.unlock();
        }
        return images;
    }

    /** The clean latent of one prompt, without decoding it (another pipeline of the same latent space will). */
    Tensor latent(String text, Denoising denoising) {
        engineTurn.lock();
        try {
            return denoising.cleanLatents(0, List.of(prompts.encode(text)));
        } finally {
            engineTurn.unlock();
        }
    }

    /** See {@link ModelFolder#latentSpace()}: read from the files when asked, as only clip starts need it. */
    String latentSpace() {
        return folder.latentSpace();
    }

    Denoiser denoiser() {
        return denoiser;
    }

    String name() {
        return name;
    }

    /** The engine the graphs run on: the one asked for, or OnnxRuntime where a GPU engine could not serve. */
    EngineKind engine() {
        return engine;
    }

    /** The largest batch both the UNet and the decoder take. */
    int maxBatch() {
        return Math.min(denoiser.maxBatch(), decoder.maxBatch());
    }

    int tokenCount(String prompt) {
        return prompts.tokenCount(prompt);
    }

    int maxTokens() {
        return prompts.maxTokens();
    }

    /** Each graph with its engine, device and precision, for the admin page. */
    List<StagePlacement> stages() {
        return StagePlacement.of(prompts, denoiser, decoder);
    }

    /** Engine and device of every graph, e.g. "text_encoder: OnnxRuntime on cpu, unet: …", for logs. */
    String placement() {
        return stages().stream().map(s -> s.graph() + ": " + s.placement()).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        prompts.close();
        denoiser.close();
        decoder.close();
    }
}
