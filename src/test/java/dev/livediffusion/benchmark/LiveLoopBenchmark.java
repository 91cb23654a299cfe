package dev.livediffusion.benchmark;

import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.live.FrameScheduler;
import dev.livediffusion.live.LiveClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the live loop's numbers: raw engine time per frame, then keystroke→frame latency and frames/s for
 * 1, 4 and 16 clients typing at 10 keys/s over real WebSockets. Run: {@code ./mvnw test -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(EmbeddedModelProfile.class)
@Tag("benchmark")
class LiveLoopBenchmark {

    private static final String[] CAPTIONS = {
        "a large red circle at the top left and a small blue star on a yellow striped background",
        "three green squares on a gray checkered background",
        "a small purple heart at the bottom right on a white background",
        "two orange triangles on a blue gradient background",
    };
    private static final int KEYS_PER_SECOND = 10;
    private static final double SECONDS = 12;

    @TestHTTPResource("/")
    URI base;
    @Inject
    ImagePipeline pipeline;
    @Inject
    FrameScheduler scheduler;

    @Test
    void measure() throws Exception {
        double engineMs = rawEngineMs();
        System.out.printf("%nmodel %s, %d cores%nraw engine time per frame (text cached, incl. JPEG): %.1f ms%n",
                pipeline.modelName(), Runtime.getRuntime().availableProcessors(), engineMs);
        System.out.println("| clients | keystroke→frame p50 | p95 | p99 | frames/s per client | frames/s total | out of order | max waiting |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int clients : new int[] {1, 4, 16}) {
            run(clients);
        }
        System.out.printf("resident memory (whole test JVM): %d MiB%n", residentMiB());
    }

    private double rawEngineMs() {
        for (int i = 0; i < 5; i++) {
            pipeline.generate(new ImageRequest(CAPTIONS[0], i));
        }
        int runs = 40;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            pipeline.generate(new ImageRequest(CAPTIONS[0], 100 + i));
        }
        return (System.nanoTime() - start) / 1e6 / runs;
    }

    private void run(int clients) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger maxWaiting = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        List<Future<?>> typists = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            typists.add(pool.submit(() -> {
                type(CAPTIONS[client % CAPTIONS.length], client, latencies, frames, outOfOrder);
                return null;
            }));
        }
        Future<?> sampler = pool.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxWaiting.accumulateAndGet(scheduler.queued(), Math::max);
                Thread.sleep(5);
            }
            return null;
        });
        for (Future<?> typist : typists) {
            typist.get();
        }
        sampler.cancel(true);
        pool.shutdownNow();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("| %d | %.1f ms | %.1f ms | %.1f ms | %.1f | %.1f | %d | %d |%n", clients,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                frames.get() / SECONDS / clients, frames.get() / SECONDS, outOfOrder.get(), maxWaiting.get());
    }

    /**
     * Types at 10 keys/s. A keystroke's latency is the time until the first frame answering it or a later
     * keystroke arrives: when the user sees a picture that includes that key.
     */
    private void type(String caption, int client, List<Double> latencies, AtomicInteger frames,
                      AtomicInteger outOfOrder) throws Exception {
        int keys = (int) (SECONDS * KEYS_PER_SECOND);
        long[] sentAt = new long[keys + 1];
        try (LiveClient live = LiveClient.connect(base)) {
            live.nextOfType("hello", 10);
            Thread reader = new Thread(() -> {
                long lastSeq = 0;
                int firstUnanswered = 1;
                try {
                    while (lastSeq < keys) {
                        LiveClient.Message message = live.nextOfType("frame", 30);
                        long seq = message.json().path("seq").asLong();
                        frames.incrementAndGet();
                        if (seq <= lastSeq) {
                            outOfOrder.incrementAndGet();
                        }
                        lastSeq = seq;
                        for (; firstUnanswered <= seq; firstUnanswered++) {
                            latencies.add((message.receivedNanos() - sentAt[firstUnanswered]) / 1e6);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.start();
            long start = System.nanoTime();
            for (int key = 1; key <= keys; key++) {
                long due = start + (long) ((key - 1) * 1e9 / KEYS_PER_SECOND);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String text = caption.substring(0, 1 + (key - 1) % caption.length());
                sentAt[key] = System.nanoTime();
                live.sendPrompt(key, text, 1000L + client);
            }
            reader.join(30_000);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static long residentMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
