package dev.livediffusion.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters and latencies of the live channel, for the status readout, the admin page and /q/metrics. */
@ApplicationScoped
public class LiveStats {

    private static final int MAX_TRACKED_BATCH = 16;

    private final LongAdder promptsReceived = new LongAdder();
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder videoFramesSent = new LongAdder();
    private final LongAdder staleSkipped = new LongAdder();
    private final LongAdder duplicatesReused = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLongArray batchSizes = new AtomicLongArray(MAX_TRACKED_BATCH + 1);
    private final Map<String, StageLatency> stages = new LinkedHashMap<>();
    private final FrameRate frameRate = new FrameRate();
    private volatile double lastEngineMs;

    @Inject
    LiveStats(MeterRegistry registry) {
        StageLatency.STAGES.forEach(stage -> stages.put(stage, new StageLatency(registry, stage)));
        counter(registry, "live.prompts.received", promptsReceived);
        counter(registry, "live.frames.sent", framesSent);
        counter(registry, "live.video.frames.sent", videoFramesSent);
        counter(registry, "live.prompts.stale.skipped", staleSkipped);
        counter(registry, "live.prompts.duplicates.reused", duplicatesReused);
        counter(registry, "live.messages.refused", refused);
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).register(registry);
    }

    // Counted through methods: callers hold a CDI proxy, whose fields are not the bean's.
    void countPromptsReceived() {
        promptsReceived.increment();
    }

    void countVideoFramesSent() {
        videoFramesSent.increment();
    }

    void countStaleSkipped() {
        staleSkipped.increment();
    }

    void countDuplicatesReused() {
        duplicatesReused.increment();
    }

    void countRefused() {
        refused.increment();
    }

    void recordBatch(int size, double engineMs) {
        batchSizes.incrementAndGet(Math.min(size, MAX_TRACKED_BATCH));
        lastEngineMs = engineMs;
    }

    /** The pipeline stages' times of a newly generated frame (not of a reused one). */
    void recordStages(Map<String, Double> timingsMs) {
        timingsMs.forEach((stage, ms) -> {
            StageLatency latency = stages.get(stage);
            if (latency != null) {
                latency.record(ms);
            }
        });
    }

    /** A frame was written to its socket, {@code sendMs} after it was handed over. */
    void recordSent(double sendMs) {
        framesSent.increment();
        frameRate.tick();
        stages.get("send").record(sendMs);
    }

    public List<LatencyHistogram> stageHistograms() {
        return stages.entrySet().stream().map(e -> e.getValue().histogram(e.getKey())).toList();
    }

    public double framesPerSecond() {
        return frameRate.perSecond();
    }

    public long promptsReceived() {
        return promptsReceived.sum();
    }

    public long framesSent() {
        return framesSent.sum();
    }

    public long videoFramesSent() {
        return videoFramesSent.sum();
    }

    public long staleSkipped() {
        return staleSkipped.sum();
    }

    public long duplicatesReused() {
        return duplicatesReused.sum();
    }

    public long refused() {
        return refused.sum();
    }

    public double lastEngineMs() {
        return lastEngineMs;
    }

    /** Engine calls by batch size: index i counts calls of i prompts (the last index: that many or more). */
    public long[] batchSizes() {
        long[] counts = new long[batchSizes.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = batchSizes.get(i);
        }
        return counts;
    }
}
