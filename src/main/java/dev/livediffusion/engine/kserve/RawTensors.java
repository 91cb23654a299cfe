package dev.livediffusion.engine.kserve;

import com.google.protobuf.ByteString;
import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.GraphContractException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensor contents as the Open Inference Protocol carries them in {@code raw_input_contents} and
 * {@code raw_output_contents}: row-major, little-endian, in the element type the datatype names.
 */
final class RawTensors {

    private RawTensors() {
    }

    static String datatype(ElementType type) {
        return switch (type) {
            case FLOAT32 -> "FP32";
            case FLOAT16 -> "FP16";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
        };
    }

    /** The element type a datatype names, or a message naming the tensor; the pipeline feeds no other types. */
    static ElementType elementType(String datatype, String tensor) {
        return switch (datatype) {
            case "FP32" -> ElementType.FLOAT32;
            case "FP16" -> ElementType.FLOAT16;
            case "INT32" -> ElementType.INT32;
            case "INT64" -> ElementType.INT64;
            default -> throw new GraphContractException(tensor + " has datatype " + datatype
                    + "; the kserve engine exchanges FP32, FP16, INT32 and INT64");
        };
    }

    /** Integers are rounded, as the local engines do (token ids and timesteps are whole in float). */
    static ByteString encode(float[] values, ElementType type) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * size(type)).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            switch (type) {
                case FLOAT32 -> bytes.putFloat(value);
                case FLOAT16 -> bytes.putShort(toHalf(value));
                case INT32 -> bytes.putInt(Math.round(value));
                case INT64 -> bytes.putLong(Math.round((double) value));
            }
        }
        return ByteString.copyFrom(bytes.flip());
    }

    static float[] decode(ByteString raw, ElementType type, String tensor) {
        if (raw.size() % size(type) != 0) {
            throw new IllegalStateException(tensor + ": " + raw.size() + " bytes is no whole number of " + datatype(type));
        }
        ByteBuffer bytes = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.size() / size(type)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case FLOAT32 -> bytes.getFloat();
                case FLOAT16 -> fromHalf(bytes.getShort());
                case INT32 -> bytes.getInt();
                case INT64 -> bytes.getLong();
            };
        }
        return values;
    }

    private static int size(ElementType type) {
        return switch (type) {
            case FLOAT16 -> 2;
            case FLOAT32, INT32 -> 4;
            case INT64 -> 8;
        };
    }

    /** IEEE 754 binary16, rounded to nearest even (Java 17 has no Float.floatToFloat16). */
    static short toHalf(float value) {
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

    static float fromHalf(short half) {
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
