package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * TurboDiffusion's rCM steps (thu-ml/TurboDiffusion turbodiffusion/inference/wan2.1_t2v_infer.py): TrigFlow times
 * [atan(sigma_max), 1.5, 1.4, 1.0][:N] then 0, mapped to rectified flow by t' = sin t / (cos t + sin t); x starts as
 * noise * t'_0, the transformer sees 1000 t', and x' = (1 - t'') (x - t' v) + t'' z with fresh noise z.
 */
final class RcmSampler implements FlowSampler {

    static final int MAX_STEPS = 4;
    private static final double[] MIDDLE_TIMES = {1.5, 1.4, 1.0};

    private final double[] levels;

    private RcmSampler(double[] levels) {
        this.levels = levels;
    }

    static RcmSampler fromConfig(JsonNode config, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("rCM takes 1 to " + MAX_STEPS + " steps, got " + steps);
        }
        double[] times = new double[steps + 1];
        times[0] = Math.atan(config.path("sigma_max").asDouble(80.0));
        System.arraycopy(MIDDLE_TIMES, 0, times, 1, steps - 1);
        double[] levels = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            levels[k] = Math.sin(times[k]) / (Math.cos(times[k]) + Math.sin(times[k]));
        }
        return new RcmSampler(levels);
    }

    @Override
    public int steps() {
        return levels.length - 1;
    }

    @Override
    public double level(int k) {
        return levels[k];
    }

    @Override
    public float timestep(int k) {
        return (float) (1000 * levels[k]);
    }

    @Override
    public double startScale() {
        return levels[0];
    }

    @Override
    public int noiseBlocks() {
        return steps();
    }

    @Override
    public Tensor step(Tensor x, Tensor velocity, int k, Tensor noise) {
        double t = levels[k];
        double next = levels[k + 1];
        float[] xs = x.values();
        float[] v = velocity.values();
        float[] z = noise == null ? null : noise.values();
        float[] out = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double clean = xs[i] - t * v[i];
            out[i] = (float) ((1 - next) * clean + (z == null ? 0 : next * z[i]));
        }
        return new Tensor(out, x.shape());
    }
}
