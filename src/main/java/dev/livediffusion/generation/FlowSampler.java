package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * A sampler of a flow-matching video transformer (Wan2.1), chosen by the folder's
 * {@code scheduler/scheduler_config.json}. Its noise levels s run from {@link #level}(0) down to {@code level(steps())}
 * = 0 on the rectified-flow path x = (1 - s) x0 + s z; the transformer sees x at {@link #timestep}(k) and gives the
 * velocity z - x0; x starts as noise block 0 times {@link #startScale}.
 */
interface FlowSampler {

    int steps();

    /** The noise level of step k; {@code level(steps())} is 0. */
    double level(int k);

    /** The transformer's timestep at step k, in 0..1000. */
    float timestep(int k);

    double startScale();

    /** Latent-sized noise blocks a section draws: the starting noise, then what each step but the last adds. */
    int noiseBlocks();

    /**
     * x after step k, given the transformer's velocity, in double, rounded once.
     *
     * @param noise block k + 1 where the sampler adds noise after step k, else null
     */
    Tensor step(Tensor x, Tensor velocity, int k, Tensor noise);

    /** diffusers' FlowMatchEulerDiscreteScheduler (base Wan) or TurboDiffusion's rCM steps. */
    static FlowSampler fromConfig(JsonNode config, int steps) {
        String kind = config.path("_class_name").asText();
        return switch (kind) {
            case "FlowMatchEulerDiscreteScheduler" -> FlowMatchEuler.fromConfig(config, steps);
            case "RCMScheduler" -> RcmSampler.fromConfig(config, steps);
            default -> throw new ModelFolder.ModelFolderException("scheduler_config.json of a Wan folder: _class_name"
                    + " must be FlowMatchEulerDiscreteScheduler or RCMScheduler, got \"" + kind + "\"");
        };
    }
}
