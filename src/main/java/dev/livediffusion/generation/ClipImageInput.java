package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * A picture as CLIP's image encoder takes it, as diffusers' StableVideoDiffusionPipeline._encode_image makes it:
 * _resize_with_antialiasing to 224x224 (a Gaussian blur of sigma max((in/out - 1) / 2, 0.001), kernel
 * max(4 sigma, 3) made odd, reflect padding, along x then y; then bicubic, A = -0.75, align_corners), mapped to
 * [0, 1] and normalised with CLIP's mean and std.
 */
final class ClipImageInput {

    static final int SIZE = 224;
    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};
    private static final double A = -0.75;

    private ClipImageInput() {
    }

    /** [1, 3, 224, 224] of a picture [1, 3, H, W] in [-1, 1]. */
    static Tensor of(Tensor pixels) {
        int height = (int) pixels.dim(2);
        int width = (int) pixels.dim(3);
        float[] out = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            double[] plane = new double[height * width];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = pixels.values()[c * plane.length + i];
            }
            double[] blurred = blur(blur(plane, height, width, kernel(width), 1, width), width, height, kernel(height),
                    width, 1);
            double[] resized = bicubic(blurred, height, width);
            for (int i = 0; i < resized.length; i++) {
                out[c * resized.length + i] = (float) (((resized[i] + 1) / 2 - MEAN[c]) / STD[c]);
            }
        }
        return new Tensor(out, new long[] {1, 3, SIZE, SIZE});
    }

    /** The normalised Gaussian for an axis of {@code size} pixels going to 224 (a single 1 when upscaling). */
    private static double[] kernel(int size) {
        double sigma = Math.max(((double) size / SIZE - 1) / 2, 0.001);
        int length = (int) Math.max(4 * sigma, 3);
        length += length % 2 == 0 ? 1 : 0;
        double[] g = new double[length];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double x = i - length / 2;
            g[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < length; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /**
     * One axis of the blur: {@code lines} lines of {@code length} pixels, {@code step} apart along the axis and
     * {@code lineStep} between lines, edges reflected (without repeating the edge pixel).
     */
    private static double[] blur(double[] plane, int lines, int length, double[] kernel, int step, int lineStep) {
        double[] out = new double[plane.length];
        int half = kernel.length / 2;
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < length; i++) {
                double sum = 0;
                for (int k = 0; k < kernel.length; k++) {
                    int j = i + k - half;
                    j = j < 0 ? -j : j >= length ? 2 * (length - 1) - j : j;
                    sum += kernel[k] * plane[line * lineStep + j * step];
                }
                out[line * lineStep + i * step] = sum;
            }
        }
        return out;
    }

    /** torch's upsample_bicubic2d with align_corners to 224x224, source indices clamped to the picture. */
    private static double[] bicubic(double[] plane, int height, int width) {
        double[] out = new double[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            double sy = (double) (height - 1) / (SIZE - 1) * y;
            int iy = (int) Math.floor(sy);
            double[] wy = weights(sy - iy);
            for (int x = 0; x < SIZE; x++) {
                double sx = (double) (width - 1) / (SIZE - 1) * x;
                int ix = (int) Math.floor(sx);
                double[] wx = weights(sx - ix);
                double sum = 0;
                for (int m = 0; m < 4; m++) {
                    int row = Math.min(Math.max(iy - 1 + m, 0), height - 1);
                    for (int n = 0; n < 4; n++) {
                        int col = Math.min(Math.max(ix - 1 + n, 0), width - 1);
                        sum += wy[m] * wx[n] * plane[row * width + col];
                    }
                }
                out[y * SIZE + x] = sum;
            }
        }
        return out;
    }

    /** Keys' cubic convolution weights of the four neighbours at fraction t. */
    private static double[] weights(double t) {
        return new double[] {far(t + 1), near(t), near(1 - t), far(2 - t)};
    }

    private static double near(double x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    private static double far(double x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }
}
