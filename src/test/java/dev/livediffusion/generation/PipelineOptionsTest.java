package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.EngineSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** app.model.* and app.video.* as written in application.properties, through to the engine settings and the sampler. */
class PipelineOptionsTest {

    @Test
    void defaultsAreOneStepOnTheCpu() {
        PipelineOptions options = PipelineOptions.from(config(Map.of()));
        assertEquals(EngineKind.ONNXRUNTIME, options.engine());
        assertEquals(1, options.steps());
        assertEquals(Path.of("tensorrt-engines/sd-turbo/unet.plan"),
                options.engineSettings("sd-turbo", 8).plans().plan("unet"));
    }

    @Test
    void tensorRtSettingsNameThePlansAndTheirShapes() {
        PipelineOptions options = PipelineOptions.from(config(Map.of("app.model.engine", "tensorrt",
                "app.model.tensorrt-engines", "/srv/engines", "app.model.tensorrt-batch", "4",
                "app.model.width", "768", "app.model.height", "512", "app.model.steps", "4")));
        EngineSettings settings = options.engineSettings("sdxl-turbo", 8);
        assertEquals(EngineKind.TENSORRT, settings.kind());
        assertEquals(Path.of("/srv/engines/sdxl-turbo/vae_decoder_b4.plan"), settings.plans().plan("vae_decoder"));
        assertEquals(64, settings.plans().latentHeight());
        assertEquals(96, settings.plans().latentWidth());
        assertEquals(4, options.steps());
    }

    @Test
    void onnxRuntimeTensorRtIsWrittenWithAHyphen() {
        assertEquals(EngineKind.ONNXRUNTIME_TENSORRT,
                PipelineOptions.from(config(Map.of("app.model.engine", "onnxruntime-tensorrt"))).engine());
        assertEquals("onnxruntime-tensorrt", EngineKind.ONNXRUNTIME_TENSORRT.configName());
    }

    @Test
    void unknownEngineIsRefusedNamingTheProperty() {
        Exception e = assertThrows(Exception.class, () -> config(Map.of("app.model.engine", "cuda")));
        assertTrue(e.getMessage().contains("app.model.engine"), e.getMessage());
    }

    @Test
    void stepCountOutsideOneToFourIsRefused() {
        Path model = Path.of("src/test/resources/models/tiny-sd-turbo");
        for (int steps : new int[] {0, 5}) {
            Exception e = assertThrows(IllegalArgumentException.class,
                    () -> PipelineLoader.load(new ModelFolder(model), PipelineOptions.onCpu(1, 64, 64, steps)).close());
            assertEquals("steps must be 1 to 4, got " + steps, e.getMessage());
        }
    }

    @Test
    void theVideoModelRunsOnTheImageModelsEngineUnlessItNamesItsOwn() {
        Map<String, String> gpu = Map.of("app.model.engine", "tensorrt", "app.video.width", "256");
        PipelineOptions inherited = PipelineOptions.forVideo(config(gpu), video(gpu));
        assertEquals(EngineKind.TENSORRT, inherited.engine());
        assertEquals(256, inherited.width());

        Map<String, String> own = Map.of("app.model.engine", "tensorrt", "app.video.engine", "onnxruntime");
        assertEquals(EngineKind.ONNXRUNTIME, PipelineOptions.forVideo(config(own), video(own)).engine());
        assertEquals(EngineKind.TENSORRT, PipelineOptions.from(config(own)).engine(), "the image model keeps its engine");
    }

    private static ModelConfig config(Map<String, String> properties) {
        return smallRye(properties).getConfigMapping(ModelConfig.class);
    }

    private static VideoConfig video(Map<String, String> properties) {
        return smallRye(properties).getConfigMapping(VideoConfig.class);
    }

    private static SmallRyeConfig smallRye(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                // Quarkus' own converter: durations are written "10s" as in application.properties
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(ModelConfig.class)
                .withMapping(VideoConfig.class)
                .build();
    }
}
