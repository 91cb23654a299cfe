package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

/**
 * Standard normal noise from a seed, defined bit for bit (SplitMix64, Box-Muller in doubles, row-major) so
 * that the Python reference in {@code training/} and any other client reproduce the same image from a seed.
 */
public final class SeededNoise {

    private long state;

    private SeededNoise(long seed) {
        this.state = seed;
    }

    public static Tensor normal(long seed, long... shape) {
        SeededNoise noise = new SeededNoise(seed);
        int count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, (int) dim);
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i += 2) {
            double u1 = 1.0 - noise.uniform();
            double u2 = noise.uniform();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            values[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < count) {
                values[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return new Tensor(values, shape);
    }

    private double uniform() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    private long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
