package dev.livediffusion.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-stage frame latency as a Micrometer timer with fixed buckets: Prometheus scrapes it as
 * {@code live_stage_seconds_bucket{stage=...}}, and the admin dashboard draws the same buckets.
 */
final class StageLatency {

    static final List<String> STAGES = List.of("text", "denoise", "decode", "encode", "send");
    private static final double[] BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};

    private final Timer timer;

    StageLatency(MeterRegistry registry, String stage) {
        timer = Timer.builder("live.stage")
                .description("time per frame spent in one stage of the live pipeline")
                .tag("stage", stage)
                .serviceLevelObjectives(Arrays.stream(BOUNDS_MS).mapToObj(ms -> Duration.ofNanos((long) (ms * 1e6)))
                        .toArray(Duration[]::new))
                .register(registry);
    }

    void record(double millis) {
        timer.record((long) (millis * 1e6), TimeUnit.NANOSECONDS);
    }

    /** Counts per bucket (not cumulative); the last bucket holds everything above the largest bound. */
    LatencyHistogram histogram(String stage) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        List<LatencyHistogram.Bucket> buckets = new ArrayList<>();
        double below = 0;
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            buckets.add(new LatencyHistogram.Bucket("≤ " + format(bucket.bucket(TimeUnit.MILLISECONDS)), (long) (bucket.count() - below)));
            below = bucket.count();
        }
        buckets.add(new LatencyHistogram.Bucket("> " + format(BOUNDS_MS[BOUNDS_MS.length - 1]), (long) (snapshot.count() - below)));
        return new LatencyHistogram(stage, snapshot.count(), snapshot.mean(TimeUnit.MILLISECONDS), snapshot.max(TimeUnit.MILLISECONDS), buckets);
    }

    private static String format(double ms) {
        return ms >= 1000 ? (long) (ms / 1000) + " s" : (long) ms + " ms";
    }
}
