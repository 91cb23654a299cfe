package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.generation.tokenizer.ClipTokenizer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds pipelines from model folders, checking each folder against what the math needs. */
public final class PipelineLoader {

    private PipelineLoader() {
    }

    public static TurboImagePipeline load(ModelFolder folder, EngineKind engine, int threads, int width, int height)
            throws IOException {
        Stages stages = Stages.open(folder, engine, threads, width, height);
        return new TurboImagePipeline(folder.name(), stages.prompts, stages.denoiser, stages.decoder,
                NoiseSchedule.fromConfig(folder.schedulerConfig()), folder.vaeScalingFactor(), stages.latent[0],
                stages.latent[1], stages.vaeScale);
    }

    public static VideoPipeline loadVideo(ModelFolder folder, EngineKind engine, int threads, int width, int height)
            throws IOException {
        Stages stages = Stages.open(folder, engine, threads, width, height);
        long[] latentShape = {1, stages.denoiser.latentChannels(), stages.latent[0], stages.latent[1]};
        return new VideoPipeline(folder.name(), stages.prompts, stages.denoiser, stages.decoder,
                NoiseSchedule.fromConfig(folder.schedulerConfig()), VideoPipeline.timesteps(folder.schedulerConfig()),
                folder.vaeScalingFactor(), latentShape, folder.modelIndex().path("frame_rate").asInt(8));
    }

    /** The three stages of a folder, checked against each other, and the latent size they work at. */
    private record Stages(PromptEncoder prompts, Denoiser denoiser, LatentDecoder decoder, int vaeScale, int[] latent) {

        static Stages open(ModelFolder folder, EngineKind engine, int threads, int width, int height) throws IOException {
            folder.requireLayout();
            List<ClipTextEncoder> encoders = new ArrayList<>();
            encoders.add(new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer()),
                    InferenceEngines.open(folder.textEncoder(), engine, threads)));
            if (folder.hasSecondTextEncoder()) {
                encoders.add(new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer2()),
                        InferenceEngines.open(folder.textEncoder2(), engine, threads)));
            }
            Denoiser denoiser = new Denoiser(InferenceEngines.open(folder.unet(), engine, threads));
            LatentDecoder decoder = new LatentDecoder(InferenceEngines.open(folder.vaeDecoder(), engine, threads));
            PromptEncoder prompts = new PromptEncoder(encoders);
            denoiser.requireFits(prompts, decoder);
            int vaeScale = folder.vaeScaleFactor();
            int[] latent = denoiser.staticLatentSize();
            if (latent == null) {
                if (width % vaeScale != 0 || height % vaeScale != 0) {
                    throw new IllegalArgumentException("image size " + width + "x" + height + " must be a multiple of "
                            + vaeScale + " for " + folder.root());
                }
                latent = new int[] {height / vaeScale, width / vaeScale};
            }
            return new Stages(prompts, denoiser, decoder, vaeScale, latent);
        }
    }
}
