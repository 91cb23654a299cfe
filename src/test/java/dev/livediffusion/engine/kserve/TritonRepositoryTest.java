package dev.livediffusion.engine.kserve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tensorrt-engines/triton-repository.sh} on the tiny model folders, with the compiled app's classes. */
class TritonRepositoryTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    @Test
    void theUnetIsBatchedByTritonAndTheOtherStagesServeAsExported(@TempDir Path out) throws Exception {
        layOut("tiny-sd-turbo", out);
        assertEquals("""
                name: "tiny-sd-turbo_unet"
                platform: "onnxruntime_onnx"
                max_batch_size: 8
                input [
                  {
                    name: "sample"
                    data_type: TYPE_FP32
                    dims: [ 4, -1, -1 ]
                  },
                  {
                    name: "timestep"
                    data_type: TYPE_INT64
                    dims: [ 1 ]
                    reshape: { shape: [ ] }
                  },
                  {
                    name: "encoder_hidden_states"
                    data_type: TYPE_FP32
                    dims: [ -1, 32 ]
                  }
                ]
                output [
                  {
                    name: "out_sample"
                    data_type: TYPE_FP32
                    dims: [ 4, -1, -1 ]
                  }
                ]
                dynamic_batching {
                  max_queue_delay_microseconds: 2000
                }
                """, Files.readString(out.resolve("tiny-sd-turbo_unet/config.pbtxt")));
        String decoder = Files.readString(out.resolve("tiny-sd-turbo_vae_decoder/config.pbtxt"));
        assertTrue(decoder.contains("max_batch_size: 0\n"), decoder);
        assertTrue(decoder.contains("name: \"latent_sample\"\n    data_type: TYPE_FP32\n    dims: [ -1, 4, -1, -1 ]\n"), decoder);
        for (String stage : new String[] {"text_encoder", "unet", "vae_decoder"}) {
            assertTrue(Files.isRegularFile(out.resolve("tiny-sd-turbo_" + stage + "/1/model.onnx")), stage);
        }
    }

    @Test
    void aUnetWithAScalarTimestepTakesOneRequestAtATime(@TempDir Path out) throws Exception {
        layOut("tiny-sdxl-turbo", out);
        String unet = Files.readString(out.resolve("tiny-sdxl-turbo_unet/config.pbtxt"));
        assertTrue(unet.contains("max_batch_size: 0\n"), unet);
        assertTrue(unet.contains("name: \"timestep\"\n    data_type: TYPE_FP32\n    dims: [ 1 ]\n    reshape: { shape: [ ] }\n"), unet);
        assertFalse(unet.contains("dynamic_batching"), unet);
        assertTrue(Files.isRegularFile(out.resolve("tiny-sdxl-turbo_text_encoder_2/config.pbtxt")));
    }

    private static void layOut(String model, Path out) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", "tensorrt-engines/triton-repository.sh",
                MODELS.resolve(model).toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(script.getInputStream().readAllBytes());
        assertEquals(0, script.waitFor(), log);
    }
}
