package dev.livediffusion.engine.onnx;

import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.TensorSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The signature comes from the file: the three fixtures use the dtype/rank conventions exporters differ in. */
class OnnxSignatureTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    @Test
    void readsNamesTypesAndDynamicAxes() throws IOException {
        OnnxSignature unet = OnnxSignature.read(MODELS.resolve("tiny-sd-turbo/unet/model.onnx"));
        assertEquals(3, unet.inputs().size());
        TensorSpec sample = unet.input("sample");
        assertEquals(ElementType.FLOAT32, sample.type());
        assertArrayEquals(new long[] {TensorSpec.DYNAMIC, 4, TensorSpec.DYNAMIC, TensorSpec.DYNAMIC}, sample.dims());
        assertEquals(ElementType.INT64, unet.input("timestep").type());
        assertEquals(1, unet.input("timestep").rank());
        assertEquals(32, unet.input("encoder_hidden_states").dims()[2]);
        assertEquals("out_sample", unet.outputs().get(0).name());
        assertNull(unet.input("text_embeds"));
    }

    @Test
    void seesTheOtherTimestepAndIdConventions() throws IOException {
        OnnxSignature floatUnet = OnnxSignature.read(MODELS.resolve("tiny-sd-turbo-float-timestep/unet/model.onnx"));
        assertEquals(ElementType.FLOAT32, floatUnet.input("timestep").type());
        OnnxSignature int32Ids = OnnxSignature.read(MODELS.resolve("tiny-sd-turbo-float-timestep/text_encoder/model.onnx"));
        assertEquals(ElementType.INT32, int32Ids.input("input_ids").type());
        OnnxSignature sdxl = OnnxSignature.read(MODELS.resolve("tiny-sdxl-turbo/unet/model.onnx"));
        assertEquals(0, sdxl.input("timestep").rank());
        assertEquals(6, sdxl.input("time_ids").dims()[1]);
    }

    @Test
    void listsEveryOutputOfATextEncoder() throws IOException {
        OnnxSignature encoder = OnnxSignature.read(MODELS.resolve("tiny-sdxl-turbo/text_encoder_2/model.onnx"));
        assertEquals(java.util.List.of("text_embeds", "last_hidden_state", "hidden_states.0", "hidden_states.1",
                "hidden_states.2", "hidden_states.3"), encoder.outputs().stream().map(TensorSpec::name).toList());
    }
}
