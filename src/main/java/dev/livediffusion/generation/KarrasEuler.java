package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * diffusers' EulerDiscreteScheduler as stable-video-diffusion-img2vid-xt configures it: Karras sigmas (rho 7) from
 * sigma_max to sigma_min over N steps, rounded to float32 as diffusers keeps them, then 0; timestep_type continuous
 * (0.25 ln sigma); "leading" spacing, so x starts at sqrt(sigma_max^2 + 1); v-prediction,
 * x0 = v * -sigma / sqrt(sigma^2 + 1) + x / (sigma^2 + 1), and the Euler step x + (x - x0) / sigma * (sigma' - sigma).
 * Deterministic: it draws only the starting noise.
 */
final class KarrasEuler implements SvdSampler {

    private final double[] sigmas;

    private KarrasEuler(double[] sigmas) {
        this.sigmas = sigmas;
    }

    static KarrasEuler fromConfig(JsonNode config, int steps) {
        requireSetting(config, "prediction_type", "v_prediction");
        requireSetting(config, "timestep_type", "continuous");
        if (!config.path("use_karras_sigmas").asBoolean(false)) {
            throw new ModelFolder.ModelFolderException("scheduler_config.json: an SVD Euler scheduler needs"
                    + " \"use_karras_sigmas\": true");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        double min = config.path("sigma_min").asDouble(0.002);
        double max = config.path("sigma_max").asDouble(700.0);
        double[] sigmas = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            sigmas[k] = (float) SvdSampler.karras(steps == 1 ? 0 : (double) k / (steps - 1), min, max, 7.0);
        }
        return new KarrasEuler(sigmas);
    }

    private static void requireSetting(JsonNode config, String key, String value) {
        if (!config.path(key).asText().equals(value)) {
            throw new ModelFolder.ModelFolderException("scheduler_config.json: an SVD Euler scheduler needs \"" + key
                    + "\": \"" + value + "\", got " + config.path(key));
        }
    }

    @Override
    public int steps() {
        return sigmas.length - 1;
    }

    @Override
    public double initialSigma() {
        return Math.sqrt(sigmas[0] * sigmas[0] + 1);
    }

    @Override
    public float timestep(int k) {
        return (float) (0.25 * Math.log(sigmas[k]));
    }

    @Override
    public double inputScale(int k) {
        return 1 / Math.sqrt(sigmas[k] * sigmas[k] + 1);
    }

    @Override
    public int noiseBlocks() {
        return 1;
    }

    @Override
    public Tensor step(Tensor x, Tensor output, int k, Tensor noise) {
        double sigma = sigmas[k];
        double skip = 1 / (sigma * sigma + 1);
        double out = -sigma / Math.sqrt(sigma * sigma + 1);
        double dt = sigmas[k + 1] - sigma;
        float[] xs = x.values();
        float[] v = output.values();
        float[] next = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double x0 = v[i] * out + xs[i] * skip;
            next[i] = (float) (xs[i] + (xs[i] - x0) / sigma * dt);
        }
        return new Tensor(next, x.shape());
    }
}
