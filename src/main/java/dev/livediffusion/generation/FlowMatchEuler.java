package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * diffusers' FlowMatchEulerDiscreteScheduler without dynamic shifting, as base Wan2.1 configures it: sigma_min is
 * shift(1 / num_train_timesteps), the N levels linspace(1, sigma_min) shifted (again, as diffusers does) by
 * shift s / (1 + (shift - 1) s) and kept in float32, then 0; the timestep is sigma * 1000 and the step
 * x + (sigma' - sigma) v. Deterministic: it draws only the starting noise.
 */
final class FlowMatchEuler implements FlowSampler {

    private final double[] sigmas;

    private FlowMatchEuler(double[] sigmas) {
        this.sigmas = sigmas;
    }

    static FlowMatchEuler fromConfig(JsonNode config, int steps) {
        if (config.path("use_dynamic_shifting").asBoolean(false)) {
            throw new ModelFolder.ModelFolderException("scheduler_config.json: a Wan Euler scheduler needs"
                    + " \"use_dynamic_shifting\": false (Wan shifts by a fixed \"shift\")");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        double shift = config.path("shift").asDouble(1.0);
        double sigmaMin = (float) shifted(1.0 / config.path("num_train_timesteps").asInt(1000), shift);
        double[] sigmas = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            double linear = steps == 1 ? 1.0 : 1.0 + (sigmaMin - 1.0) * k / (steps - 1);
            sigmas[k] = (float) shifted(linear, shift);
        }
        return new FlowMatchEuler(sigmas);
    }

    private static double shifted(double sigma, double shift) {
        return shift * sigma / (1 + (shift - 1) * sigma);
    }

    @Override
    public int steps() {
        return sigmas.length - 1;
    }

    @Override
    public double level(int k) {
        return sigmas[k];
    }

    @Override
    public float timestep(int k) {
        return (float) sigmas[k] * 1000f;
    }

    @Override
    public double startScale() {
        return 1.0;
    }

    @Override
    public int noiseBlocks() {
        return 1;
    }

    @Override
    public Tensor step(Tensor x, Tensor velocity, int k, Tensor noise) {
        double dt = sigmas[k + 1] - sigmas[k];
        float[] xs = x.values();
        float[] v = velocity.values();
        float[] next = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            next[i] = (float) (xs[i] + dt * v[i]);
        }
        return new Tensor(next, x.shape());
    }
}
