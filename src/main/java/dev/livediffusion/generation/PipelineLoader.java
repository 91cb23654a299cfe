package dev.livediffusion.generation;

import dev.livediffusion.engine.AcceleratorUnavailableException;
import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.EngineSettings;
import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.generation.tokenizer.ClipTokenizer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds pipelines from model folders, checking each folder against what the math needs. */
public final class PipelineLoader {

    private static final Logger LOG = Logger.getLogger(PipelineLoader.class);

    private PipelineLoader() {
    }

    public static TurboImagePipeline load(ModelFolder folder, PipelineOptions options) throws IOException {
        folder.requireLayout();
        return withFallback(folder, options, engines -> {
            Opened opened = Opened.open(folder, options, "image", engines);
            return new TurboImagePipeline(opened.graphs, opened.info, NoiseSchedule.fromConfig(folder.schedulerConfig()),
                    opened.vaeScale);
        });
    }

    /** An SVD-XT folder ({@link ModelFolder#isSvd()}), a Wan2.1 one ({@link ModelFolder#isWan()}) or one in the
     * packed-context layout. */
    public static VideoPipeline loadVideo(ModelFolder folder, PipelineOptions options) throws IOException {
        if (folder.isSvd()) {
            return new VideoPipeline(new SvdVideo(loadSvd(folder, options)));
        }
        if (folder.isWan()) {
            return new VideoPipeline(new WanVideo(loadWan(folder, options)));
        }
        folder.requireLayout();
        return new VideoPipeline(withFallback(folder, options, engines -> {
            Opened opened = Opened.open(folder, options, "video", engines);
            return new PackedContextVideo(opened.graphs, opened.info,
                    FewStepSampler.renoising(NoiseSchedule.fromConfig(folder.schedulerConfig()),
                            PackedContextVideo.timesteps(folder.schedulerConfig())),
                    new long[] {1, opened.graphs.latentChannels(), opened.latent[0], opened.latent[1]},
                    folder.modelIndex().path("frame_rate").asInt(8));
        }));
    }

    /** A Wan2.1 text-to-video folder ({@link ModelFolder#requireWanLayout()}); a graph off the contract is named. */
    public static WanVideoPipeline loadWan(ModelFolder folder, PipelineOptions options) throws IOException {
        folder.requireWanLayout();
        try {
            return withFallback(folder, options, engines -> WanStages.open(folder, options, engines));
        } catch (GraphContractException e) {
            throw new ModelFolder.ModelFolderException(e.getMessage());
        }
    }

    /** An SVD-XT image-to-video folder ({@link ModelFolder#requireSvdLayout()}); a graph off the contract is named. */
    public static SvdVideoPipeline loadSvd(ModelFolder folder, PipelineOptions options) throws IOException {
        folder.requireSvdLayout();
        try {
            return withFallback(folder, options, engines -> SvdStages.open(folder, options, engines));
        } catch (GraphContractException e) {
            throw new ModelFolder.ModelFolderException(e.getMessage());
        }
    }

    /** A GPU engine that cannot serve (absent, no GPU, a plan missing or not loading) gives way to the CPU. */
    private static <P> P withFallback(ModelFolder folder, PipelineOptions options, Assembly<P> assembly)
            throws IOException {
        try {
            return assemble(folder, options.engineSettings(folder.name(), folder.vaeScaleFactor()), assembly);
        } catch (AcceleratorUnavailableException e) {
            LOG.warnf("%s: engine %s was asked for, but %s; every stage runs on OnnxRuntime (CPU) instead",
                    folder.name(), options.engine().configName(), e.getMessage());
            return assemble(folder, EngineSettings.onCpu(options.threads()), assembly);
        }
    }

    private static <P> P assemble(ModelFolder folder, EngineSettings settings, Assembly<P> assembly) throws IOException {
        InferenceEngines engines = InferenceEngines.open(folder.name(), settings);
        try {
            return assembly.build(engines);
        } catch (IOException | RuntimeException e) {
            engines.closeOpened();
            throw e;
        }
    }

    private interface Assembly<P> {
        P build(InferenceEngines engines) throws IOException;
    }

    /** The graphs of a folder, checked against each other, what they make of the model, and their latent size. */
    private record Opened(ModelGraphs graphs, ModelInfo info, int vaeScale, int[] latent) {

        static Opened open(ModelFolder folder, PipelineOptions options, String kind, InferenceEngines engines)
                throws IOException {
            List<ClipTextEncoder> encoders = new ArrayList<>();
            encoders.add(new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer()), engines.stage(folder.textEncoder())));
            if (folder.hasSecondTextEncoder()) {
                encoders.add(new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer2()),
                        engines.stage(folder.textEncoder2())));
            }
            Denoiser denoiser = new Denoiser(engines.stage(folder.unet()));
            LatentDecoder decoder = new LatentDecoder(engines.stage(folder.vaeDecoder()), folder.decoderOutputsUnitRange(),
                    folder.vaeScalingFactor());
            PromptEncoder prompts = new PromptEncoder(encoders);
            denoiser.requireFits(prompts, decoder);
            int vaeScale = folder.vaeScaleFactor();
            // DJL's TensorRT engine needs a plan per graph, and build.sh makes none for vae_encoder: no img2img there
            LatentEncoder pictures = folder.hasVaeEncoder() && engines.kind() != EngineKind.TENSORRT
                    ? new LatentEncoder(engines.stage(folder.vaeEncoder()), folder.vaeScalingFactor()) : null;
            ModelGraphs graphs = new ModelGraphs(folder, prompts, denoiser, decoder, pictures);
            int[] latent = denoiser.staticLatentSize();
            boolean anySize = latent == null && engines.kind() != EngineKind.TENSORRT;
            if (latent == null) {
                if (options.width() % vaeScale != 0 || options.height() % vaeScale != 0) {
                    throw new IllegalArgumentException("image size " + options.width() + "x" + options.height()
                            + " must be a multiple of " + vaeScale + " for " + folder.root());
                }
                latent = new int[] {options.height() / vaeScale, options.width() / vaeScale};
            }
            ModelInfo info = new ModelInfo(folder.name(), kind, options.engine(), engines.kind(), graphs.maxTokens(),
                    graphs.maxBatch(), graphs.stages(), latent[1] * vaeScale, latent[0] * vaeScale, graphs.encodesPictures(),
                    options.steps(), vaeScale, anySize);
            return new Opened(graphs, info, vaeScale, latent);
        }
    }
}
