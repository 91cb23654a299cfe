package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * What the SVD UNet sees besides the noisy latent, fixed for a section, and the guidance of its output. Guided
 * (max guidance above 1), the batch is two: item 0 the negative (zero embedding, zero image latent), item 1 the
 * picture's, and the output is uncond + g_f (cond - uncond) per frame f, as diffusers' SVD pipeline does.
 */
record SvdUnetInputs(Tensor imageLatent, Tensor hidden, Tensor timeIds, SvdSettings settings, int frames) {

    /**
     * @param embedding   [1, width]
     * @param imageLatent [1, 4, h, w]
     */
    static SvdUnetInputs of(Tensor embedding, Tensor imageLatent, SvdSettings settings, int frames) {
        int batch = settings.guided() ? 2 : 1;
        int width = embedding.values().length;
        float[] hidden = new float[batch * width];
        System.arraycopy(embedding.values(), 0, hidden, (batch - 1) * width, width);
        float[] ids = {settings.fps() - 1, settings.motionBucketId(), (float) settings.noiseAugStrength()};
        float[] timeIds = new float[batch * 3];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(ids, 0, timeIds, 3 * i, 3);
        }
        return new SvdUnetInputs(imageLatent, new Tensor(hidden, new long[] {batch, 1, width}),
                new Tensor(timeIds, new long[] {batch, 3}), settings, frames);
    }

    private int batch() {
        return (int) hidden.dim(0);
    }

    /** [batch, F, 8, h, w]: each frame's scaled latent of {@code scaled} [1, F, 4, h, w], then the image latent. */
    Tensor sample(Tensor scaled) {
        int plane = imageLatent.values().length;   // 4 * h * w
        float[] out = new float[batch() * frames * 2 * plane];
        for (int item = 0; item < batch(); item++) {
            boolean negative = item == 0 && batch() == 2;
            for (int f = 0; f < frames; f++) {
                int at = (item * frames + f) * 2 * plane;
                System.arraycopy(scaled.values(), f * plane, out, at, plane);
                if (!negative) {
                    System.arraycopy(imageLatent.values(), 0, out, at + plane, plane);
                }
            }
        }
        long[] latent = scaled.shape();
        return new Tensor(out, new long[] {batch(), frames, 2 * latent[2], latent[3], latent[4]});
    }

    /** The output to step with, [1, F, 4, h, w]: guided per frame where the batch is two, else as it is. */
    Tensor guide(Tensor output) {
        if (batch() == 1) {
            return output;
        }
        int size = output.values().length / 2;
        int perFrame = size / frames;
        float[] o = output.values();
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            double scale = settings.guidance(i / perFrame, frames);
            out[i] = (float) (o[i] + scale * (o[size + i] - o[i]));
        }
        return new Tensor(out, output.slice(0, 1).shape());
    }
}
