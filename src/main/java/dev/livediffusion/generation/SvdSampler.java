package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * A sampler of an SVD-XT UNet, chosen by the folder's {@code scheduler/scheduler_config.json}: at step k the UNet
 * sees x * {@link #inputScale}(k) at {@link #timestep}(k) (0.25 ln sigma, the EDM convention SVD was trained with),
 * and {@link #step} takes x to the next noise level. x starts as noise block 0 times {@link #initialSigma}.
 */
interface SvdSampler {

    int steps();

    double initialSigma();

    /** The UNet's fp32 timestep at step k. */
    float timestep(int k);

    double inputScale(int k);

    /** Latent-sized noise blocks a section draws: the starting noise, then what each step but the last adds. */
    int noiseBlocks();

    /**
     * x after step k, given the UNet's (guided) output, in double, rounded once.
     *
     * @param noise block k + 1 where the sampler adds noise after step k, else null
     */
    Tensor step(Tensor x, Tensor output, int k, Tensor noise);

    /** diffusers' EulerDiscreteScheduler (SVD's own) or AnimateLCM-SVD-xt's consistency sampler. */
    static SvdSampler fromConfig(JsonNode config, int steps) {
        String kind = config.path("_class_name").asText();
        return switch (kind) {
            case "EulerDiscreteScheduler" -> KarrasEuler.fromConfig(config, steps);
            case "AnimateLCMSVDStochasticIterativeScheduler" -> ConsistencySampler.fromConfig(config, steps);
            default -> throw new ModelFolder.ModelFolderException("scheduler_config.json of an SVD folder: _class_name"
                    + " must be EulerDiscreteScheduler or AnimateLCMSVDStochasticIterativeScheduler, got \"" + kind + "\"");
        };
    }

    /** Karras et al. (2022): (max^(1/rho) + ramp (min^(1/rho) - max^(1/rho)))^rho, ramp 0 giving sigma_max. */
    static double karras(double ramp, double sigmaMin, double sigmaMax, double rho) {
        double lo = Math.pow(sigmaMin, 1 / rho);
        double hi = Math.pow(sigmaMax, 1 / rho);
        return Math.pow(hi + ramp * (lo - hi), rho);
    }
}
