package dev.livediffusion.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.engine.Tensor;

/**
 * AnimateLCM-SVD-xt's consistency sampler (G-U-N/AnimateLCM animatelcm_svd/animatelcm_scheduler.py,
 * AnimateLCMSVDStochasticIterativeScheduler): of num_train_timesteps (40) Karras levels, N at the ratio 40 // N,
 * ramp t / 39; the UNet sees x / sqrt(sigma^2 + sigma_data^2); the denoised latent is c_out * output + c_skip * x
 * with c_skip = sd^2 / (sigma^2 + sd^2), c_out = -sigma sd / sqrt(sigma^2 + sd^2) (clamped to [-1, 1] where
 * clip_denoised), and the next x = denoised + s_noise * sigma' * z, fresh noise z after every step but the last.
 */
final class ConsistencySampler implements SvdSampler {

    private final double[] sigmas;
    private final float[] timesteps;
    private final double initialSigma;
    private final double sigmaData;
    private final double noiseScale;
    private final boolean clip;

    private ConsistencySampler(double[] sigmas, float[] timesteps, double initialSigma, double sigmaData,
                               double noiseScale, boolean clip) {
        this.sigmas = sigmas;
        this.timesteps = timesteps;
        this.initialSigma = initialSigma;
        this.sigmaData = sigmaData;
        this.noiseScale = noiseScale;
        this.clip = clip;
    }

    static ConsistencySampler fromConfig(JsonNode config, int steps) {
        int train = config.path("num_train_timesteps").asInt(40);
        if (steps < 1 || steps > train) {
            throw new IllegalArgumentException("steps must be 1 to " + train + ", got " + steps);
        }
        double min = config.path("sigma_min").asDouble(0.002);
        double max = config.path("sigma_max").asDouble(80.0);
        double rho = config.path("rho").asDouble(7.0);
        int ratio = train / steps;
        double[] sigmas = new double[steps + 1];
        float[] timesteps = new float[steps];
        for (int k = 0; k < steps; k++) {
            double sigma = SvdSampler.karras((double) k * ratio / (train - 1), min, max, rho);
            timesteps[k] = (float) (0.25 * Math.log(sigma));   // from the float64 sigma, as the scheduler does
            sigmas[k] = (float) sigma;
        }
        return new ConsistencySampler(sigmas, timesteps, Math.sqrt(max * max + 1), config.path("sigma_data").asDouble(0.5),
                config.path("s_noise").asDouble(1.0), config.path("clip_denoised").asBoolean(true));
    }

    @Override
    public int steps() {
        return timesteps.length;
    }

    @Override
    public double initialSigma() {
        return initialSigma;
    }

    @Override
    public float timestep(int k) {
        return timesteps[k];
    }

    @Override
    public double inputScale(int k) {
        return 1 / Math.sqrt(sigmas[k] * sigmas[k] + sigmaData * sigmaData);
    }

    @Override
    public int noiseBlocks() {
        return steps();
    }

    @Override
    public Tensor step(Tensor x, Tensor output, int k, Tensor noise) {
        double sigma = sigmas[k];
        double total = sigma * sigma + sigmaData * sigmaData;
        double skip = sigmaData * sigmaData / total;
        double out = -sigma * sigmaData / Math.sqrt(total);
        double added = noise == null ? 0 : noiseScale * sigmas[k + 1];
        float[] xs = x.values();
        float[] o = output.values();
        float[] z = noise == null ? null : noise.values();
        float[] next = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double denoised = out * o[i] + skip * xs[i];
            if (clip) {
                denoised = Math.max(-1, Math.min(1, denoised));
            }
            next[i] = (float) (z == null ? denoised : denoised + added * z[i]);
        }
        return new Tensor(next, x.shape());
    }
}
