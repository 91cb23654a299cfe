package dev.livediffusion.benchmark;

import dev.livediffusion.testing.PackagedApp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.ModelFolder;
import dev.livediffusion.generation.PipelineLoader;
import dev.livediffusion.generation.PipelineOptions;
import dev.livediffusion.generation.TurboImagePipeline;
import dev.livediffusion.live.LiveClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the live loop's numbers: raw engine time per frame (in this JVM), then, against the packaged app in
 * its own process, keystroke→frame latency, frames/s and the server's queue (sampled from its metrics; a mean
 * that rises from the first half of a run to the second is a growing queue) for 1, 4 and 16 clients typing at
 * 10 keys/s over real WebSockets, and the app's peak resident memory. Run: {@code ./mvnw verify -Pbenchmark}; another
 * model with {@code -Dbenchmark.model=PATH}; another most prompts per engine call with {@code -Dbenchmark.max-batch=N}
 * (the tables at 1 and at the default show whether batching clients pays end to end).
 */
class LiveLoopBenchmark {

    private static final String[] CAPTIONS = {
        "a large red circle at the top left and a small blue star on a yellow striped background",
        "three green squares on a gray checkered background",
        "a small purple heart at the bottom right on a white background",
        "two orange triangles on a blue gradient background",
    };
    private static final int KEYS_PER_SECOND = 10;
    private static final double SECONDS = 12;

    private static final Path MODEL = Path.of(System.getProperty("benchmark.model",
            "src/main/resources/models/embedded-image"));

    private URI base;

    @Test
    void measure() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (TurboImagePipeline pipeline = PipelineLoader.load(new ModelFolder(MODEL), PipelineOptions.onCpu(cores, 512, 512, 1))) {
            System.out.printf("%nmodel %s, %d cores, mean time per stage:%n", pipeline.info().name(), cores);
            System.out.printf("raw engine time per frame (text cached, incl. JPEG): %.1f ms%n", rawEngineMs(pipeline));
            batchingPays(pipeline);
        }
        Map<String, String> properties = new HashMap<>(Map.of("app.model.path", MODEL.toString()));
        String maxBatch = System.getProperty("benchmark.max-batch");
        if (maxBatch != null) {
            properties.put("app.live.max-batch", maxBatch);
        }
        try (PackagedApp app = PackagedApp.start(properties)) {
            base = app.base;
            System.out.println("| clients | keystroke→frame p50 | p95 | p99 | graphs p50 | p50 − graphs | frames/s per client"
                    + " | frames/s total | out of order | sessions waiting for the engine, 1st → 2nd half"
                    + " | prompts pending, 1st → 2nd half |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (int clients : new int[] {1, 4, 16}) {
                run(clients);
            }
            System.out.printf("peak resident memory of the app: %d MiB%n", app.peakResidentMiB());
        }
    }

    /** Mean wall time per frame, after printing the mean of each stage the pipeline reports. */
    private static double rawEngineMs(ImagePipeline pipeline) {
        for (int i = 0; i < 5; i++) {
            pipeline.generate(new ImageRequest(CAPTIONS[0], i));
        }
        int runs = 40;
        Map<String, Double> stages = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            pipeline.generate(new ImageRequest(CAPTIONS[0], 100 + i)).timingsMs()
                    .forEach((stage, ms) -> stages.merge(stage, ms / runs, Double::sum));
        }
        double perFrame = (System.nanoTime() - start) / 1e6 / runs;
        stages.forEach((stage, ms) -> System.out.printf("  %s %.1f ms%n", stage, ms));
        return perFrame;
    }

    /** StreamDiffusion's stream batch: four prompts in one engine call against four calls. */
    private static void batchingPays(ImagePipeline pipeline) {
        if (pipeline.info().maxBatch() < 4) {
            System.out.printf("batching: the model's graphs take batch %d only%n", pipeline.info().maxBatch());
            return;
        }
        List<ImageRequest> four = List.of(new ImageRequest(CAPTIONS[0], 1), new ImageRequest(CAPTIONS[1], 2),
                new ImageRequest(CAPTIONS[2], 3), new ImageRequest(CAPTIONS[3], 4));
        int rounds = 10;
        pipeline.generateBatch(four);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            four.forEach(pipeline::generate);
        }
        double single = (System.nanoTime() - start) / 1e6 / rounds / 4;
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            pipeline.generateBatch(four);
        }
        double batched = (System.nanoTime() - start) / 1e6 / rounds / 4;
        System.out.printf("batching: %.1f ms per image one at a time, %.1f ms per image in batches of 4 (%.2fx)%n",
                single, batched, single / batched);
    }

    private void run(int clients) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> graphs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> typists = new ArrayList<>();
        String queue;
        try (QueueSampler sampler = QueueSampler.start(base)) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                typists.add(pool.submit(() -> {
                    type(CAPTIONS[client % CAPTIONS.length], client, latencies, graphs, frames, outOfOrder);
                    return null;
                }));
            }
            for (Future<?> typist : typists) {
                typist.get();
            }
            queue = sampler.summary();
        }
        pool.shutdownNow();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Double> engine = new ArrayList<>(graphs);
        Collections.sort(engine);
        System.out.printf("| %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f | %.1f | %d | %s |%n", clients,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(engine, 50),
                percentile(sorted, 50) - percentile(engine, 50), frames.get() / SECONDS / clients,
                frames.get() / SECONDS, outOfOrder.get(), queue);
    }

    /**
     * Types at 10 keys/s. A keystroke's latency is the time until the first frame answering it or a later
     * keystroke arrives: when the user sees a picture that includes that key. The server's own stage times in
     * each frame's header give the graphs' share of it (text + denoise + decode), so what is not the model is the
     * rest, measured in the same run.
     */
    private void type(String caption, int client, List<Double> latencies, List<Double> graphs, AtomicInteger frames,
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
                        JsonNode timings = message.json().path("timings");
                        if (timings.has("decode")) {
                            graphs.add(timings.path("text").asDouble() + timings.path("denoise").asDouble()
                                    + timings.path("decode").asDouble());
                        }
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
}
