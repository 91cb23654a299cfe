package dev.livediffusion.generation;

import dev.livediffusion.engine.AcceleratorUnavailableException;
import dev.livediffusion.engine.EngineSettings;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.generation.tokenizer.ClipTokenizer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link TurboImagePipeline} from a model folder, checking the folder against what the math needs. */
public final class PipelineLoader {

    private static final Logger LOG = Logger.getLogger(PipelineLoader.class);

    private PipelineLoader() {
    }

    /** A GPU engine that cannot serve (absent, no GPU, a plan missing or not loading) gives way to the CPU. */
    public static TurboImagePipeline load(ModelFolder folder, PipelineOptions options) throws IOException {
        folder.requireLayout();
        try {
            return assemble(folder, options, options.engineSettings(folder.name(), folder.vaeScaleFactor()));
        } catch (AcceleratorUnavailableException e) {
            LOG.warnf("app.model.engine=%s was asked for, but %s; every stage of %s runs on OnnxRuntime (CPU) instead",
                    options.engine().configName(), e.getMessage(), folder.name());
            return assemble(folder, options, EngineSettings.onCpu(options.threads()));
        }
    }

    private static TurboImagePipeline assemble(ModelFolder folder, PipelineOptions options, EngineSettings settings)
            throws IOException {
        InferenceEngines engines = InferenceEngines.open(settings);
        try {
            List<ClipTextEncoder> encoders = new ArrayList<>();
            encoders.add(new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer()), engines.stage(folder.textEncoder())));
            if (folder.hasSecondTextEncoder()) {
                encoders.add(new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer2()),
                        engines.stage(folder.textEncoder2())));
            }
            Denoiser denoiser = new Denoiser(engines.stage(folder.unet()));
            LatentDecoder decoder = new LatentDecoder(engines.stage(folder.vaeDecoder()), folder.decoderOutputsUnitRange());
            PromptEncoder prompts = new PromptEncoder(encoders);
            denoiser.requireFits(prompts, decoder);
            int vaeScale = folder.vaeScaleFactor();
            int[] latent = denoiser.staticLatentSize();
            if (latent == null) {
                if (options.width() % vaeScale != 0 || options.height() % vaeScale != 0) {
                    throw new IllegalArgumentException("image size " + options.width() + "x" + options.height()
                            + " must be a multiple of " + vaeScale + " for " + folder.root());
                }
                latent = new int[] {options.height() / vaeScale, options.width() / vaeScale};
            }
            return new TurboImagePipeline(folder.name(), prompts, denoiser, decoder,
                    new EulerAncestralSampler(NoiseSchedule.fromConfig(folder.schedulerConfig()), options.steps()),
                    folder.vaeScalingFactor(), latent[0], latent[1], vaeScale);
        } catch (IOException | RuntimeException e) {
            engines.closeOpened();
            throw e;
        }
    }
}
