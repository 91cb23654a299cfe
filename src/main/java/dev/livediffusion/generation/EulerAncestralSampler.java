package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * Euler ancestral sampling over 1 to {@link #MAX_STEPS} trailing timesteps, as diffusers'
 * EulerAncestralDiscreteScheduler does for SD-Turbo (its init_noise_sigma is the first sigma for trailing
 * spacing). One step is exactly the one-step Turbo math: x = sigma*n, x0 = x - sigma*eps.
 *
 * <p>Randomness: all noise of an N-step run is one continued {@link SeededNoise} stream of the request's
 * seed, N latent-sized blocks long; block 0 is the starting noise (so one step draws what it always drew),
 * block k (1 &le; k &lt; N) the fresh noise added after step k. {@code training/turbo_reference.py}
 * ({@code step_noises}) defines the same.
 */
final class EulerAncestralSampler {

    static final int MAX_STEPS = 4;

    private final int[] timesteps;
    /** sigma of each timestep, then 0 for the clean end. */
    private final double[] sigmas;

    EulerAncestralSampler(NoiseSchedule schedule, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be 1 to " + MAX_STEPS + ", got " + steps);
        }
        this.timesteps = steps == 1 ? new int[] {schedule.lastTimestep()} : schedule.trailingTimesteps(steps);
        this.sigmas = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            sigmas[k] = schedule.sigma(timesteps[k]);
        }
    }

    int steps() {
        return timesteps.length;
    }

    int timestep(int step) {
        return timesteps[step];
    }

    /** A request's noise blocks, [steps, channels, h, w]: block k is {@code slice(k, 1)}. */
    Tensor noise(long seed, int channels, int height, int width) {
        return SeededNoise.normal(seed, steps(), channels, height, width);
    }

    /** x = sigma_0 * n. */
    Tensor startingLatents(Tensor noise) {
        return scale(noise, sigmas[0]);
    }

    /** What the UNet sees at a step: x / sqrt(sigma^2 + 1). */
    Tensor modelInput(Tensor x, int step) {
        return scale(x, 1.0 / Math.sqrt(sigmas[step] * sigmas[step] + 1.0));
    }

    /**
     * One ancestral step before the last: x0 = x - sigma*eps, then x' = x0 + sigma_down*eps + sigma_up*n with
     * sigma_up = sqrt(s'^2 (s^2 - s'^2) / s^2) and sigma_down = sqrt(s'^2 - sigma_up^2), s' the next sigma.
     */
    Tensor next(Tensor x, Tensor eps, int step, Tensor noise) {
        double sigma = sigmas[step];
        double to = sigmas[step + 1];
        double up = Math.sqrt(to * to * (sigma * sigma - to * to) / (sigma * sigma));
        double down = Math.sqrt(to * to - up * up);
        float[] xs = x.values();
        float[] e = eps.values();
        float[] n = noise.values();
        float[] out = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = (float) (xs[i] - sigma * e[i] + down * e[i] + up * n[i]);
        }
        return new Tensor(out, x.shape());
    }

    /** The last step: (x - sigma*eps) / scaling_factor, the clean latent in the decoder's units. */
    Tensor denoised(Tensor x, Tensor eps, int step, double vaeScaling) {
        double sigma = sigmas[step];
        float[] xs = x.values();
        float[] e = eps.values();
        float[] out = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = (float) ((xs[i] - sigma * e[i]) / vaeScaling);
        }
        return new Tensor(out, x.shape());
    }

    private static Tensor scale(Tensor t, double factor) {
        float[] out = t.values().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] * factor);
        }
        return new Tensor(out, t.shape());
    }
}
