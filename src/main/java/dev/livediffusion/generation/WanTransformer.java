package dev.livediffusion.generation;

import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/**
 * The {@code transformer} of a Wan folder as NVIDIA/TensorRT's demo exports WanTransformer3DModel
 * (demo/Diffusion/demo_diffusion/model/diffusion_transformer.py, WanTransformerModel) and TensorStack's
 * TransformerWanModel.cs calls it: {@code hidden_states} [B, 16, T, h, w], {@code timestep} [B] (int64 there: the
 * engine rounds), {@code encoder_hidden_states} [B, L, D] to its one output, the flow velocity [B, 16, T, h, w];
 * the engine gives each input its declared type (fp16 / fp32).
 */
final class WanTransformer implements AutoCloseable {

    static final int CHANNELS = 16;

    private final InferenceSession session;
    private final TensorSpec hidden;
    private final TensorSpec timestep;
    private final TensorSpec text;
    private final String output;

    WanTransformer(InferenceSession session) {
        this.session = session;
        this.hidden = session.requireInput("hidden_states");
        this.timestep = session.requireInput("timestep");
        this.text = session.requireInput("encoder_hidden_states");
        require(hidden.rank() == 5 && (!hidden.isStatic(1) || hidden.dims()[1] == CHANNELS),
                "input \"hidden_states\" should be [batch, 16, frames, height, width], it is " + hidden);
        require(timestep.rank() <= 1, "input \"timestep\" should be [batch], it is " + timestep);
        require(text.rank() == 3, "input \"encoder_hidden_states\" should be [batch, length, width], it is " + text);
        require(session.outputs().size() == 1, "the transformer should give one output (the velocity), it gives "
                + session.outputs());
        this.output = session.outputs().get(0).name();
    }

    private void require(boolean holds, String message) {
        if (!holds) {
            throw new GraphContractException(session.source() + ": " + message);
        }
    }

    /** [1, 16, T, h, w]: the graph's static sizes, else the ones given. */
    long[] latentShape(int frames, int height, int width) {
        return new long[] {1, CHANNELS, hidden.isStatic(2) ? hidden.dims()[2] : frames,
                hidden.isStatic(3) ? hidden.dims()[3] : height, hidden.isStatic(4) ? hidden.dims()[4] : width};
    }

    /** The text length the graph takes, or -1 where it leaves it open. */
    long textLength() {
        return text.isStatic(1) ? text.dims()[1] : TensorSpec.DYNAMIC;
    }

    /**
     * @param x    [1, 16, T, h, w]
     * @param text [1, L, D]
     * @return the velocity, [1, 16, T, h, w]
     */
    Tensor velocity(Tensor x, float step, Tensor text) {
        Tensor time = timestep.rank() == 0 ? Tensor.scalar(step) : Tensor.scalar(step, 1);
        return session.run(Map.of("hidden_states", x, "timestep", time, "encoder_hidden_states", text)).get(output);
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
