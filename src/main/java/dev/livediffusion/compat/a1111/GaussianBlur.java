package dev.livediffusion.compat.a1111;

/** A separable Gaussian blur of one channel: sigma in pixels (PIL's GaussianBlur radius, as A1111 uses it). */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static float[] of(float[] values, int width, int height, int sigma) {
        if (sigma == 0) {
            return values;
        }
        float[] kernel = kernel(sigma);
        return pass(pass(values, width, height, kernel, 1, width), width, height, kernel, width, 1);
    }

    private static float[] kernel(int sigma) {
        int radius = 3 * sigma;
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-(double) i * i / (2.0 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    /** One pass along x ({@code step} 1, lines {@code width} apart) or along y ({@code step} width, lines 1 apart). */
    private static float[] pass(float[] in, int width, int height, float[] kernel, int step, int lineStep) {
        int radius = kernel.length / 2;
        int length = step == 1 ? width : height;
        int lines = step == 1 ? height : width;
        float[] out = new float[in.length];
        for (int line = 0; line < lines; line++) {
            int base = line * lineStep;
            for (int i = 0; i < length; i++) {
                float sum = 0;
                for (int j = -radius; j <= radius; j++) {
                    int at = Math.min(length - 1, Math.max(0, i + j));
                    sum += kernel[j + radius] * in[base + at * step];
                }
                out[base + i * step] = sum;
            }
        }
        return out;
    }
}
