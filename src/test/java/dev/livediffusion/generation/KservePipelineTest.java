package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.kserve.OnnxInferenceServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline over {@code kserve}, its stages served by an in-process Open Inference Protocol server that runs the
 * same ONNX files, against the pipeline over {@code onnxruntime} directly: the same pixels. SD-Turbo's layout sends
 * INT64 ids and a [batch] timestep (and its image-to-image encoder), SDXL-Turbo's INT32 and INT64 ids, two encoders
 * and a scalar timestep.
 */
class KservePipelineTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    @ParameterizedTest
    @CsvSource({"tiny-sd-turbo, 1", "tiny-sd-turbo, 2", "tiny-sdxl-turbo, 1"})
    void givesTheDirectEnginesPixels(String model, int steps) throws Exception {
        Path folder = MODELS.resolve(model);
        List<ImageRequest> requests = List.of(new ImageRequest("a photo of a cat", 42), new ImageRequest("a red fox", 7));
        List<String> stages = model.contains("sdxl") ? List.of("text_encoder", "text_encoder_2", "unet", "vae_decoder")
                : List.of("text_encoder", "unet", "vae_decoder", "vae_encoder");
        try (OnnxInferenceServer server = new OnnxInferenceServer(folder, stages);
             TurboImagePipeline remote = PipelineLoader.load(new ModelFolder(folder), new PipelineOptions(EngineKind.KSERVE,
                     2, 64, 64, steps, Path.of("tensorrt-engines"), 1, server.settings()));
             TurboImagePipeline direct = PipelineLoader.load(new ModelFolder(folder), PipelineOptions.onCpu(2, 64, 64, steps))) {
            assertEquals(EngineKind.KSERVE, remote.info().engine());
            assertTrue(remote.info().placement().contains("unet: KServe model " + model + "_unet at " + server.url()
                    + " (onnxruntime_onnx)"),
                    remote.info().placement());
            assertArrayEquals(direct.render(requests, new Stopwatch()).frames().get(0).chunk().values(),
                    remote.render(requests, new Stopwatch()).frames().get(0).chunk().values(), 1e-5f, "a batch of two images");
        }
    }
}
