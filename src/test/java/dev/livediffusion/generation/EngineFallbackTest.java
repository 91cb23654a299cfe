package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import dev.livediffusion.engine.kserve.KserveSettings;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GPU engine asked for on a machine without one (the test machines have no GPU and no TensorRT), or an
 * inference server that does not answer: the model still loads, every stage on OnnxRuntime on the CPU, after
 * exactly one warning that says why.
 */
class EngineFallbackTest {

    private static final Path MODEL = Path.of("src/test/resources/models/tiny-sd-turbo");
    /** Nothing listens on port 1. */
    private static final KserveSettings NO_SERVER = new KserveSettings("localhost:1", Duration.ofSeconds(5), Map.of());
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger log = Logger.getLogger("dev.livediffusion");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"TENSORRT", "ONNXRUNTIME_TENSORRT", "KSERVE"})
    void unavailableGpuEngineFallsBackToCpuWithOneWarning(EngineKind kind) throws IOException {
        PipelineOptions options = new PipelineOptions(kind, 2, 64, 64, 1, Path.of("tensorrt-engines"), 1, NO_SERVER);
        ImageRequest request = new ImageRequest("a photo of a cat", 42);
        try (TurboImagePipeline fallback = PipelineLoader.load(new ModelFolder(MODEL), options);
             TurboImagePipeline cpu = PipelineLoader.load(new ModelFolder(MODEL), PipelineOptions.onCpu(2, 64, 64, 1))) {
            assertEquals("text_encoder: OnnxRuntime on cpu, unet: OnnxRuntime on cpu, vae_decoder: OnnxRuntime on cpu,"
                    + " vae_encoder: OnnxRuntime on cpu", fallback.info().placement());
            // what the live channel's default batch follows (LiveSettings.maxBatchFor): the CPU's, not the GPU's
            assertEquals(EngineKind.ONNXRUNTIME, fallback.info().engine());
            assertEquals(1, warnings.size(), "one warning: " + warnings.stream().map(EngineFallbackTest::text).toList());
            String warning = text(warnings.get(0));
            assertTrue(warning.startsWith("tiny-sd-turbo: engine " + kind.configName() + " was asked for, but "), warning);
            assertTrue(warning.endsWith("every stage runs on OnnxRuntime (CPU) instead"), warning);
            assertArrayEquals(cpu.render(List.of(request), new Stopwatch()).frames().get(0).chunk().values(),
                    fallback.render(List.of(request), new Stopwatch()).frames().get(0).chunk().values(),
                    "same images as the CPU engine");
        }
    }

    private static String text(LogRecord record) {
        return ((ExtLogRecord) record).getFormattedMessage();
    }
}
