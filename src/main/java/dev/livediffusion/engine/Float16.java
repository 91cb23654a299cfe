package dev.livediffusion.engine;

/** IEEE 754 binary16 conversions, for engines and wire formats that carry fp16 tensors. */
public final class Float16 {

    private Float16() {
    }

    /** IEEE 754 binary16, rounded to nearest even (Java 17 has no Float.floatToFloat16). */
    public static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff - 127 + 15) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        if (exponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (exponent <= 0) {
            return exponent < -10 ? (short) sign : (short) (sign | rounded(mantissa | 0x800000, 14 - exponent));
        }
        // a carry out of the mantissa moves into the exponent, which is the right result (up to infinity)
        return (short) (sign | (exponent << 10) + rounded(mantissa, 13));
    }

    private static int rounded(int significand, int shift) {
        int kept = significand >>> shift;
        int rest = significand & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) != 0) ? kept + 1 : kept;
    }

    public static float fromHalf(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | mantissa << 13);
    }
}
