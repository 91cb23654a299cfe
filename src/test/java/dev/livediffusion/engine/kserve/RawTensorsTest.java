package dev.livediffusion.engine.kserve;

import com.google.protobuf.ByteString;
import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Raw contents byte for byte as Triton writes them: little-endian, FP16 as IEEE binary16, INT64 as 8 bytes. */
class RawTensorsTest {

    @Test
    void int64IsLittleEndianAndRounded() {
        assertArrayEquals(new byte[] {(byte) 0xe7, 3, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1},
                RawTensors.encode(new float[] {999.0001f, -1f}, ElementType.INT64).toByteArray());
        assertArrayEquals(new float[] {999f, -1f}, RawTensors.decode(
                RawTensors.encode(new float[] {999f, -1f}, ElementType.INT64), ElementType.INT64, "t"));
    }

    @Test
    void fp16IsBinary16RoundedToNearestEven() {
        float[] values = {1f, -2f, 65504f, 0.1f, 1f / (1 << 24), 70000f, 1f + 1f / 2048};
        short[] halves = {0x3c00, (short) 0xc000, 0x7bff, 0x2e66, 0x0001, 0x7c00, 0x3c00};
        ByteString raw = RawTensors.encode(values, ElementType.FLOAT16);
        for (int i = 0; i < values.length; i++) {
            assertEquals(halves[i], (short) ((raw.byteAt(2 * i) & 0xff) | raw.byteAt(2 * i + 1) << 8), "value " + values[i]);
        }
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0.099975586f, 5.9604645e-8f, Float.POSITIVE_INFINITY, 1f},
                RawTensors.decode(raw, ElementType.FLOAT16, "t"));
    }

    @Test
    void aTimestepIsSentInTheShapeTheServerDeclares() {
        Tensor timesteps = Tensor.scalar(999, 3);
        assertArrayEquals(new long[] {3, 1}, KserveSession.declaredShape(
                new TensorSpec("timestep", ElementType.INT64, new long[] {-1, 1}), timesteps));
        assertArrayEquals(new long[] {3}, KserveSession.declaredShape(
                new TensorSpec("timestep", ElementType.INT64, new long[] {-1}), timesteps));
        assertThrows(GraphContractException.class, () -> KserveSession.declaredShape(
                new TensorSpec("timestep", ElementType.INT64, new long[] {-1, 2}), timesteps));
    }

    @Test
    void otherDatatypesAreRefusedByName() {
        GraphContractException e = assertThrows(GraphContractException.class, () -> RawTensors.elementType("BYTES", "prompt"));
        assertEquals("prompt has datatype BYTES; the kserve engine exchanges FP32, FP16, INT32 and INT64", e.getMessage());
    }
}
