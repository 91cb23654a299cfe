package dev.livediffusion.engine.tensorrt;

import dev.livediffusion.engine.TensorSpec;
import dev.livediffusion.engine.onnx.OnnxSignature;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plan file names as build.sh writes them, and the tiny exports' inputs as a plan built from them binds them. */
class TensorRtPlansTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    @Test
    void plansAreNamedAsBuildShWritesThem() {
        Path folder = Path.of("tensorrt-engines/sd-turbo");
        assertEquals(folder.resolve("unet.plan"), new TensorRtPlans(folder, 1, 64, 64).plan("unet"));
        assertEquals(folder.resolve("text_encoder_2_b4.plan"), new TensorRtPlans(folder, 4, 64, 64).plan("text_encoder_2"));
    }

    @Test
    void int64IdsAndTimestepsBecomeInt32WithStaticShapes() throws IOException {
        TensorRtPlans plans = new TensorRtPlans(Path.of("unused"), 2, 64, 48);
        Map<String, String> text = bound(plans, "tiny-sd-turbo/text_encoder");
        assertEquals("input_ids:int32[2, 77]", text.get("input_ids"));
        Map<String, String> unet = bound(plans, "tiny-sd-turbo/unet");
        assertEquals("sample:float32[2, 4, 64, 48]", unet.get("sample"));
        assertEquals("timestep:int32[1]", unet.get("timestep"));
        assertEquals("encoder_hidden_states:float32[2, 77, 32]", unet.get("encoder_hidden_states"));
        assertEquals("latent_sample:float32[2, 4, 64, 48]", bound(plans, "tiny-sd-turbo/vae_decoder").get("latent_sample"));
    }

    @Test
    void scalarFloatTimestepBecomesOneElementAndSdxlExtrasKeepTheirWidths() throws IOException {
        Map<String, String> unet = bound(new TensorRtPlans(Path.of("unused"), 1, 64, 64), "tiny-sdxl-turbo/unet");
        assertEquals("timestep:float32[1]", unet.get("timestep"));
        assertEquals("text_embeds:float32[1, 20]", unet.get("text_embeds"));
        assertEquals("time_ids:float32[1, 6]", unet.get("time_ids"));
        assertEquals(List.of("sample", "timestep", "encoder_hidden_states", "text_embeds", "time_ids"),
                List.copyOf(unet.keySet()), "the order a plan binds by position");
    }

    private static Map<String, String> bound(TensorRtPlans plans, String stage) throws IOException {
        OnnxSignature graph = OnnxSignature.read(MODELS.resolve(stage).resolve("model.onnx"));
        return graph.inputs().stream().map(plans::bound).collect(Collectors.toMap(TensorSpec::name, TensorSpec::toString,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
