package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The diffusion schedule of {@code scheduler/scheduler_config.json}: the noise level sigma of each training
 * timestep, sigma_t = sqrt((1 - alphaBar_t) / alphaBar_t).
 */
public final class NoiseSchedule {

    private final double[] sigmas;

    private NoiseSchedule(double[] sigmas) {
        this.sigmas = sigmas;
    }

    public static NoiseSchedule fromConfig(JsonNode config) {
        int steps = config.path("num_train_timesteps").asInt(1000);
        double start = config.path("beta_start").asDouble(0.00085);
        double end = config.path("beta_end").asDouble(0.012);
        String kind = config.path("beta_schedule").asText("scaled_linear");
        if (!config.path("prediction_type").asText("epsilon").equals("epsilon")) {
            throw new IllegalArgumentException("scheduler_config.json: only prediction_type \"epsilon\" is supported, got "
                    + config.path("prediction_type").asText());
        }
        double[] sigmas = new double[steps];
        double alphaBar = 1.0;
        for (int t = 0; t < steps; t++) {
            double fraction = steps == 1 ? 0 : (double) t / (steps - 1);
            double beta = switch (kind) {
                case "scaled_linear" -> square(Math.sqrt(start) + fraction * (Math.sqrt(end) - Math.sqrt(start)));
                case "linear" -> start + fraction * (end - start);
                default -> throw new IllegalArgumentException(
                        "scheduler_config.json: unsupported beta_schedule \"" + kind + "\"");
            };
            alphaBar *= 1.0 - beta;
            sigmas[t] = Math.sqrt((1.0 - alphaBar) / alphaBar);
        }
        return new NoiseSchedule(sigmas);
    }

    public double sigma(int timestep) {
        return sigmas[timestep];
    }

    /** The last training timestep, where one-step Turbo models start from pure noise. */
    public int lastTimestep() {
        return sigmas.length - 1;
    }

    private static double square(double x) {
        return x * x;
    }
}
