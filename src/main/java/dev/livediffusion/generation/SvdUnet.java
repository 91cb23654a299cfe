package dev.livediffusion.generation;

import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/**
 * The {@code unet} of an SVD-XT folder, as NVIDIA/TensorRT's demo exports UNetSpatioTemporalConditionModel
 * (demo/Diffusion/demo_diffusion/model/unet.py, UNetTemporalModel): {@code sample} [2B, F, 8, h, w] (the noisy
 * latent and the image latent on channels), {@code timestep} fp32 [1], {@code encoder_hidden_states} [2B, 1, 1024],
 * {@code added_time_ids} [2B, 3] to {@code latent} [2B, F, 4, h, w]; the engine gives each its declared type.
 */
final class SvdUnet implements AutoCloseable {

    private final InferenceSession session;
    private final TensorSpec sample;
    private final TensorSpec timestep;
    private final TensorSpec hidden;

    SvdUnet(InferenceSession session) {
        this.session = session;
        this.sample = session.requireInput("sample");
        this.timestep = session.requireInput("timestep");
        this.hidden = session.requireInput("encoder_hidden_states");
        TensorSpec timeIds = session.requireInput("added_time_ids");
        session.requireOutput("latent");
        require(sample.rank() == 5 && (!sample.isStatic(2) || sample.dims()[2] == 8),
                "input \"sample\" should be [batch, frames, 8, height, width], it is " + sample);
        require(timestep.type() == ElementType.FLOAT32 && timestep.rank() <= 1,
                "input \"timestep\" should be fp32 [1] (0.25 ln sigma), it is " + timestep);
        require(hidden.rank() == 3, "input \"encoder_hidden_states\" should be [batch, 1, width], it is " + hidden);
        require(timeIds.rank() == 2 && (!timeIds.isStatic(1) || timeIds.dims()[1] == 3),
                "input \"added_time_ids\" should be [batch, 3], it is " + timeIds);
    }

    private void require(boolean holds, String message) {
        if (!holds) {
            throw new GraphContractException(session.source() + ": " + message);
        }
    }

    /** Frames per section where the graph fixes them, else {@code otherwise}. */
    int frames(int otherwise) {
        return sample.isStatic(1) ? (int) sample.dims()[1] : otherwise;
    }

    /** Latent height and width fixed by the graph, or null when they are dynamic. */
    int[] staticLatentSize() {
        return sample.isStatic(3) && sample.isStatic(4) ? new int[] {(int) sample.dims()[3], (int) sample.dims()[4]} : null;
    }

    /** The width of the image embedding the graph takes, or -1 where it leaves it open. */
    long embeddingWidth() {
        return hidden.isStatic(2) ? hidden.dims()[2] : TensorSpec.DYNAMIC;
    }

    /**
     * @param sample  [n, F, 8, h, w]
     * @param hidden  [n, 1, width]
     * @param timeIds [n, 3]
     * @return the UNet's output, [n, F, 4, h, w]
     */
    Tensor predict(Tensor sample, float step, Tensor hidden, Tensor timeIds) {
        Tensor time = timestep.rank() == 0 ? Tensor.scalar(step) : Tensor.scalar(step, 1);
        return session.run(Map.of("sample", sample, "timestep", time, "encoder_hidden_states", hidden,
                "added_time_ids", timeIds)).get("latent");
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
