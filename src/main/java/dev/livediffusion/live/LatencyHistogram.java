package dev.livediffusion.live;

import java.util.List;

/** One stage's frame latencies for display: counts per bucket (not cumulative), mean and recent maximum. */
public record LatencyHistogram(String stage, long count, double meanMs, double maxMs, List<Bucket> buckets) {

    public record Bucket(String label, long count) {
    }

    /** The tallest bar, for scaling the others. */
    public long largestBucket() {
        return Math.max(1, buckets.stream().mapToLong(Bucket::count).max().orElse(0));
    }
}
