package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REST generations beyond the allowed number wait their turn, and are refused as busy when it does not come. */
class OneShotGeneratorTest {

    /** A pipeline whose generations last until the test lets them finish. */
    private static final class HeldPipeline implements ImagePipeline {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger generated = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public GeneratedImage generate(ImageRequest request) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            generated.incrementAndGet();
            running.decrementAndGet();
            return new GeneratedImage(new byte[] {1}, null, "image/jpeg", 1, 1, request.seed(), "held", 2, Map.of());
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("held", "image", EngineKind.ONNXRUNTIME, EngineKind.ONNXRUNTIME, 77, 1, List.of(), 1, 1,
                    false, 1, 8, false);
        }
    }

    @Test
    void aRequestBeyondTheLimitIsRefusedAsBusyAndGeneratesNothing() throws Exception {
        HeldPipeline pipeline = new HeldPipeline();
        OneShotGenerator generator = new OneShotGenerator(pipeline, 1, Duration.ofMillis(200));
        CompletableFuture<GeneratedImage> first = CompletableFuture.supplyAsync(() -> generator.generate(new ImageRequest("a", 1)));
        assertTrue(pipeline.started.await(10, TimeUnit.SECONDS));

        assertThrows(EngineBusyException.class, () -> generator.generate(new ImageRequest("b", 2)));

        pipeline.release.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS).seed());
        assertEquals(1, pipeline.generated.get(), "the refused request generated nothing");
    }

    @Test
    void aWaitingRequestRunsWhenTheEngineFreesUp() throws Exception {
        HeldPipeline pipeline = new HeldPipeline();
        OneShotGenerator generator = new OneShotGenerator(pipeline, 1, Duration.ofSeconds(10));
        CompletableFuture<GeneratedImage> first = CompletableFuture.supplyAsync(() -> generator.generate(new ImageRequest("a", 1)));
        assertTrue(pipeline.started.await(10, TimeUnit.SECONDS));
        CompletableFuture<GeneratedImage> second = CompletableFuture.supplyAsync(() -> generator.generate(new ImageRequest("b", 2)));
        Thread.sleep(300);   // time for the second to reach the engine, were it not held back

        pipeline.release.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS).seed());
        assertEquals(2, second.get(10, TimeUnit.SECONDS).seed());
        assertEquals(1, pipeline.mostAtOnce.get(), "one generation at a time");
    }
}
