package dev.livediffusion.generation;

import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.engine.TensorSpec;

import java.io.IOException;
import java.util.stream.Stream;

/** Opens the four graphs of an SVD-XT folder, checks them against each other and sizes the section from them. */
final class SvdStages {

    private SvdStages() {
    }

    static SvdVideoPipeline open(ModelFolder folder, PipelineOptions options, InferenceEngines engines) throws IOException {
        ImageEmbedder embedder = new ImageEmbedder(engines.stage(folder.imageEncoder()));
        // SVD conditions on the encoder's mean as it is: the latent is not multiplied by scaling_factor
        LatentEncoder pictures = new LatentEncoder(engines.stage(folder.vaeEncoder()), 1.0);
        SvdUnet unet = new SvdUnet(engines.stage(folder.unet()));
        LatentDecoder decoder = new LatentDecoder(engines.stage(folder.vaeDecoder()), folder.decoderOutputsUnitRange(),
                folder.vaeScalingFactor());
        long width = embedder.width();
        if (width != TensorSpec.DYNAMIC && unet.embeddingWidth() != TensorSpec.DYNAMIC && width != unet.embeddingWidth()) {
            throw new GraphContractException(folder.unet() + ": \"encoder_hidden_states\" expects width "
                    + unet.embeddingWidth() + " but image_encoder gives " + width);
        }
        if (decoder.latentChannels() != TensorSpec.DYNAMIC && decoder.latentChannels() != 4) {
            throw new GraphContractException(folder.vaeDecoder() + ": the SVD UNet makes 4 latent channels but"
                    + " vae_decoder takes " + decoder.latentChannels());
        }
        int vaeScale = folder.vaeScaleFactor();
        int[] latent = unet.staticLatentSize();
        if (latent == null) {
            if (options.width() % vaeScale != 0 || options.height() % vaeScale != 0) {
                throw new IllegalArgumentException("frame size " + options.width() + "x" + options.height()
                        + " must be a multiple of " + vaeScale + " for " + folder.root());
            }
            latent = new int[] {options.height() / vaeScale, options.width() / vaeScale};
        }
        int frames = unet.frames(folder.modelIndex().path("num_frames").asInt(25));
        SvdSettings defaults = SvdSettings.defaults(folder.modelIndex());
        ModelInfo info = new ModelInfo(folder.name(), "video", options.engine(), engines.kind(), 0, 1,
                Stream.of(embedder.session(), pictures.session(), unet.session(), decoder.session())
                        .map(StagePlacement::of).toList(),
                latent[1] * vaeScale, latent[0] * vaeScale, false, defaults.steps(), vaeScale, false);
        return new SvdVideoPipeline(embedder, pictures, unet, decoder, folder.schedulerConfig(), defaults,
                new long[] {frames, 4, latent[0], latent[1]}, info);
    }
}
