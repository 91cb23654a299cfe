package dev.livediffusion.engine.kserve;

import com.google.protobuf.ByteString;
import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.Float16;
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
                case FLOAT16 -> bytes.putShort(Float16.toHalf(value));
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
                case FLOAT16 -> Float16.fromHalf(bytes.getShort());
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
}
