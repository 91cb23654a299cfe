package dev.livediffusion.generation;

import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code unet} graph: predicts the noise in a batch of latents given the text conditioning. */
final class Denoiser implements AutoCloseable {

    private final InferenceSession session;
    private final TensorSpec sample;
    private final TensorSpec timestep;

    Denoiser(InferenceSession session) {
        this.session = session;
        this.sample = session.requireInput("sample");
        this.timestep = session.requireInput("timestep");
        session.requireInput("encoder_hidden_states");
        session.requireOutput("out_sample");
        if (sample.rank() != 4) {
            throw new GraphContractException(session.source()
                    + ": input \"sample\" should have rank 4 [batch, channels, height, width], it is " + sample);
        }
    }

    /** Checks the text encoders' and the decoder's shapes against this graph's inputs. */
    void requireFits(PromptEncoder prompts, LatentDecoder decoder) {
        TensorSpec hidden = session.requireInput("encoder_hidden_states");
        long width = prompts.hiddenWidth();
        if (hidden.rank() == 3 && hidden.isStatic(2) && width != TensorSpec.DYNAMIC && hidden.dims()[2] != width) {
            throw new GraphContractException(session.source() + ": input \"encoder_hidden_states\" expects width "
                    + hidden.dims()[2] + " but the text encoder(s) produce " + width);
        }
        if (prompts.isDual() != session.hasInput("text_embeds")) {
            throw new GraphContractException(session.source() + (prompts.isDual()
                    ? ": an SDXL folder (two text encoders) needs a UNet with a \"text_embeds\" input"
                    : ": this UNet takes \"text_embeds\" (SDXL) but the folder has no text_encoder_2"));
        }
        long channels = decoder.latentChannels();
        if (sample.isStatic(1) && channels != TensorSpec.DYNAMIC && channels != sample.dims()[1]) {
            throw new GraphContractException(session.source() + ": the UNet works on " + sample.dims()[1]
                    + " latent channels but vae_decoder takes " + channels);
        }
    }

    /** Latent channels, 4 for every SD UNet. */
    int latentChannels() {
        return sample.isStatic(1) ? (int) sample.dims()[1] : 4;
    }

    /** The largest batch the graph takes: unbounded when its batch axis is dynamic. */
    int maxBatch() {
        return sample.isStatic(0) ? (int) sample.dims()[0] : Integer.MAX_VALUE;
    }

    /** Latent height and width fixed by the graph, or null when they are dynamic. */
    int[] staticLatentSize() {
        return sample.isStatic(2) && sample.isStatic(3) ? new int[] {(int) sample.dims()[2], (int) sample.dims()[3]} : null;
    }

    /**
     * @param latents    the UNet input, already scaled by 1/sqrt(sigma^2+1), [batch, 4, h, w]
     * @param conditions one per batch item
     * @param extra      further inputs the graph declares (SDXL's {@code time_ids}, a video model's context)
     */
    Tensor predictNoise(Tensor latents, int step, List<TextConditioning> conditions, Map<String, Tensor> extra) {
        int batch = (int) latents.dim(0);
        Map<String, Tensor> inputs = new HashMap<>(extra);
        inputs.put("sample", latents);
        inputs.put("timestep", timestepTensor(step, batch));
        inputs.put("encoder_hidden_states", Tensor.stack(conditions.stream().map(TextConditioning::hiddenStates).toList()));
        if (session.hasInput("text_embeds")) {
            inputs.put("text_embeds", Tensor.stack(conditions.stream().map(TextConditioning::pooled).toList()));
        }
        return session.run(inputs).get("out_sample");
    }

    boolean hasInput(String name) {
        return session.hasInput(name);
    }

    /** Exporters write the timestep as a scalar, [1] or [batch]; give the graph what it declares. */
    private Tensor timestepTensor(int step, int batch) {
        if (timestep.rank() == 0) {
            return Tensor.scalar(step);
        }
        long length = timestep.isStatic(0) ? timestep.dims()[0] : batch;
        return Tensor.scalar(step, length);
    }

    String placement() {
        return session.placement();
    }

    @Override
    public void close() {
        session.close();
    }
}
