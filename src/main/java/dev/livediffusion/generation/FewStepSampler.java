package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.util.Arrays;

/**
 * Few-step sampling of an epsilon-predicting UNet over 1 to {@link #MAX_STEPS} timesteps, one {@link #step} at a
 * time: x = sigma_0 * n_0; at each step the UNet sees x / sqrt(sigma^2 + 1) and x0 = x - sigma * eps; before the
 * last step the next x = x0 + down * eps + up * n_{k+1}. One step is exactly the one-step Turbo math. The two
 * samplers differ only in their timesteps and in (down, up):
 * <ul>
 *   <li>{@link #eulerAncestral}: diffusers' EulerAncestralDiscreteScheduler as SD-Turbo configures it (trailing
 *   timesteps; init_noise_sigma is the first sigma), up = sqrt(s'^2 (s^2 - s'^2) / s^2), down = sqrt(s'^2 - up^2)
 *   with s' the next sigma;</li>
 *   <li>{@link #renoising}: the video model's {@code video_timesteps}, where x0 is noised afresh to the next
 *   level (down = 0, up = s'), as {@code training/fixtures/tiny_video_model.py} samples.</li>
 * </ul>
 */
final class FewStepSampler {

    static final int MAX_STEPS = 4;

    private final int[] timesteps;
    private final double[] sigmas;
    private final double[] down;
    private final double[] up;

    private FewStepSampler(NoiseSchedule schedule, int[] timesteps, boolean ancestral) {
        this.timesteps = timesteps;
        int steps = timesteps.length;
        sigmas = new double[steps];
        for (int k = 0; k < steps; k++) {
            sigmas[k] = schedule.sigma(timesteps[k]);
        }
        down = new double[steps];
        up = new double[steps];
        for (int k = 0; k + 1 < steps; k++) {
            double sigma = sigmas[k];
            double to = sigmas[k + 1];
            up[k] = ancestral ? Math.sqrt(to * to * (sigma * sigma - to * to) / (sigma * sigma)) : to;
            down[k] = ancestral ? Math.sqrt(to * to - up[k] * up[k]) : 0;
        }
    }

    static FewStepSampler eulerAncestral(NoiseSchedule schedule, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be 1 to " + MAX_STEPS + ", got " + steps);
        }
        return new FewStepSampler(schedule, steps == 1 ? new int[] {schedule.lastTimestep()}
                : schedule.trailingTimesteps(steps), true);
    }

    /**
     * Image-to-image (diffusers' StableDiffusionImg2ImgPipeline.get_timesteps): of N trailing steps the last
     * int(N * strength) run; where that is none (one step configured), N = ceil(1 / strength), as the real-time
     * SD-Turbo img2img demos do. Two steps at strength 0.5, or one: a single step at t = 499 (SD-Turbo's docs).
     */
    static FewStepSampler imageToImage(NoiseSchedule schedule, int steps, double strength) {
        int total = (int) (steps * strength) < 1 ? (int) Math.ceil(1 / strength) : steps;
        int run = Math.min((int) (total * strength), total);
        int[] timesteps = schedule.trailingTimesteps(total);
        return new FewStepSampler(schedule, Arrays.copyOfRange(timesteps, total - run, total), true);
    }

    static FewStepSampler renoising(NoiseSchedule schedule, int[] timesteps) {
        return new FewStepSampler(schedule, timesteps, false);
    }

    int steps() {
        return timesteps.length;
    }

    int timestep(int k) {
        return timesteps[k];
    }

    /**
     * x before step 0: the run's starting noise, [batch, channels, h, w], at the first sigma, added to the init
     * pictures' latents for image-to-image (diffusers' add_noise: latent + sigma * noise).
     *
     * @param init the latents to start from, or null (text to image)
     */
    Tensor start(Tensor noise, Tensor init) {
        if (init == null) {
            return noise.times(sigmas[0]);
        }
        float[] n = noise.values();
        float[] latent = init.values();
        float[] out = new float[n.length];
        for (int i = 0; i < n.length; i++) {
            out[i] = (float) (latent[i] + sigmas[0] * n[i]);
        }
        return new Tensor(out, noise.shape());
    }

    /** x as the UNet takes it at step {@code k}. */
    Tensor modelInput(Tensor x, int k) {
        return x.times(1.0 / Math.sqrt(sigmas[k] * sigmas[k] + 1.0));
    }

    /**
     * Inpainting after step {@code k}, as diffusers' legacy inpainting and A1111 do for a UNet without inpainting
     * inputs: x where {@code mask} is 1, elsewhere the init latent at the noise level x is now at (init + s' * noise,
     * s' the next sigma; the clean init after the last step), blended where it is between.
     *
     * @param mask  [1, 1, h, w] in [0, 1], over all channels of a one-request batch
     * @param noise the noise step k added (null at the last step)
     */
    Tensor inpaint(Tensor x, Tensor init, Tensor mask, int k, Tensor noise) {
        double sigma = k + 1 < sigmas.length ? sigmas[k + 1] : 0;
        float[] xs = x.values();
        float[] latent = init.values();
        float[] m = mask.values();
        float[] n = noise == null ? null : noise.values();
        float[] out = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double keep = latent[i] + (n == null ? 0 : sigma * n[i]);
            double redraw = m[i % m.length];
            out[i] = (float) (redraw * xs[i] + (1 - redraw) * keep);
        }
        return new Tensor(out, x.shape());
    }

    /**
     * x after step {@code k}, given the UNet's {@code eps}: x0 + down * eps + up * noise with x0 = x - sigma * eps,
     * in double, rounded once. After the last step it is x0, the clean latent in the UNet's units.
     *
     * @param noise what step k adds, [batch, channels, h, w]; null at the last step
     */
    Tensor step(Tensor x, Tensor eps, int k, Tensor noise) {
        double sigma = sigmas[k];
        float[] xs = x.values();
        float[] e = eps.values();
        float[] n = noise == null ? null : noise.values();
        float[] out = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = (float) (n == null ? xs[i] - sigma * e[i] : xs[i] - sigma * e[i] + down[k] * e[i] + up[k] * n[i]);
        }
        return new Tensor(out, x.shape());
    }
}
