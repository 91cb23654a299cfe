package dev.livediffusion.engine.kserve;

import dev.livediffusion.engine.AcceleratorUnavailableException;
import dev.livediffusion.engine.GraphContractException;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the kserve engine says when the server or a model is not there, declares a datatype it cannot send, or
 * answers too late.
 */
class KserveErrorsTest {

    private static final Path MODEL = Path.of("src/test/resources/models/tiny-sd-turbo");
    private static final Map<String, Tensor> VAE_FEED = Map.of("latent_sample", Tensor.scalar(0.1f, 1, 4, 8, 8));

    @Test
    void aServerThatIsDownIsNamedWithItsAddress() {
        KserveSettings settings = new KserveSettings("localhost:1", Duration.ofSeconds(5), Map.of());
        AcceleratorUnavailableException e = assertThrows(AcceleratorUnavailableException.class,
                () -> KserveModels.requireReady(settings));
        assertTrue(e.getMessage().startsWith("the KServe server at localhost:1 did not answer (UNAVAILABLE)"), e.getMessage());
    }

    @Test
    void aMissingModelIsNamedWithWhereToLayItOut() throws Exception {
        try (OnnxInferenceServer server = new OnnxInferenceServer(MODEL, List.of("text_encoder", "vae_decoder"))) {
            AcceleratorUnavailableException e = assertThrows(AcceleratorUnavailableException.class,
                    () -> KserveModels.stage(server.settings(), server.settings().modelFor("tiny-sd-turbo", "unet"), "unet"));
            assertTrue(e.getMessage().startsWith("the KServe server at " + server.url()
                    + " has no model \"tiny-sd-turbo_unet\" (lay one out with tensorrt-engines/triton-repository.sh"), e.getMessage());
        }
    }

    @Test
    void stageNamesDefaultToTheFolderAndStageAndCanBeGiven() {
        KserveSettings settings = new KserveSettings("triton:8001", Duration.ofSeconds(1), Map.of("unet", "sd_unet_trt"));
        assertEquals("sd-turbo_text_encoder", settings.modelFor("sd-turbo", "text_encoder"));
        assertEquals("sd_unet_trt", settings.modelFor("sd-turbo", "unet"));
    }

    @Test
    void aServerThatGoesAwayFailsTheRunWithAClearMessage() throws Exception {
        InferenceSession session;
        try (OnnxInferenceServer server = new OnnxInferenceServer(MODEL, List.of("vae_decoder"))) {
            session = KserveModels.stage(server.settings(), "tiny-sd-turbo_vae_decoder", "vae_decoder");
            assertEquals(List.of(1L, 3L, 64L, 64L), box(session.run(VAE_FEED).get("sample").shape()));
        }
        try (session) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.run(VAE_FEED));
            assertTrue(e.getMessage().startsWith("KServe model tiny-sd-turbo_vae_decoder at localhost:"), e.getMessage());
            assertTrue(e.getMessage().contains(": ModelInfer failed: the server is unreachable"),
                    e.getMessage());
        }
    }

    @Test
    void aCallPastItsDeadlineSaysWhichSetting() throws Exception {
        try (OnnxInferenceServer server = new OnnxInferenceServer(MODEL, List.of("vae_decoder"));
             InferenceSession session = KserveModels.stage(new KserveSettings(server.url(), Duration.ofMillis(300), Map.of()),
                     "tiny-sd-turbo_vae_decoder", "vae_decoder")) {
            server.delay(Duration.ofSeconds(2));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.run(VAE_FEED));
            assertEquals("KServe model tiny-sd-turbo_vae_decoder at " + server.url()
                    + ": ModelInfer failed: no answer within 300 ms (app.model.kserve.deadline)",
                    e.getMessage());
        }
    }

    @Test
    void aDatatypeTheEngineDoesNotExchangeIsRefusedAtStart() throws Exception {
        try (OnnxInferenceServer server = new OnnxInferenceServer(MODEL, List.of("vae_decoder"))) {
            server.declare("latent_sample", "BF16");
            GraphContractException e = assertThrows(GraphContractException.class,
                    () -> KserveModels.stage(server.settings(), "tiny-sd-turbo_vae_decoder", "vae_decoder"));
            assertEquals("KServe model tiny-sd-turbo_vae_decoder at " + server.url() + ": latent_sample has datatype BF16;"
                    + " the kserve engine exchanges FP32, FP16, INT32 and INT64", e.getMessage());
        }
    }

    /** Metadata in one datatype and a graph in another: the server's refusal, with the model and server named. */
    @Test
    void aDatatypeTheGraphDoesNotTakeIsNamedWithTheModel() throws Exception {
        try (OnnxInferenceServer server = new OnnxInferenceServer(MODEL, List.of("vae_decoder"))) {
            server.declare("latent_sample", "FP16");
            try (InferenceSession session = KserveModels.stage(server.settings(), "tiny-sd-turbo_vae_decoder", "vae_decoder")) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.run(VAE_FEED));
                assertEquals("KServe model tiny-sd-turbo_vae_decoder at " + server.url() + ": ModelInfer failed:"
                        + " INVALID_ARGUMENT inference input 'latent_sample' data-type is 'FP16',"
                        + " but model 'tiny-sd-turbo_vae_decoder' expects 'FP32'", e.getMessage());
            }
        }
    }

    private static List<Long> box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
