package dev.escalator.bench;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Measurements of one kind, with exact nearest-rank percentiles: a run has at most a few thousand samples, so sorting
 * them all is cheaper to trust than a histogram library.
 */
final class Samples {
    private final ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();

    void add(long value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    /** {@code p50/p99/max}, in the unit the values were added in, divided by {@code scale}. */
    String summary(double scale, String format) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "none";
        }
        return String.format(
                format + " / " + format + " / " + format,
                at(sorted, 0.50) / scale,
                at(sorted, 0.99) / scale,
                sorted[sorted.length - 1] / scale);
    }

    long percentile(double quantile) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? 0 : (long) at(sorted, quantile);
    }

    private static double at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
