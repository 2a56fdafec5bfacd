package dev.escalator.bench;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Lateness grouped by the second of the burst a step was due in, to tell a slow start from a slow steady state. */
final class BySecond {
    private final Instant start;
    private final Map<Long, Samples> seconds = new TreeMap<>();

    BySecond(Instant start) {
        this.start = start;
    }

    synchronized void add(Instant due, long latenessMillis) {
        long second = (due.toEpochMilli() - start.toEpochMilli()) / 1000;
        seconds.computeIfAbsent(second, ignored -> new Samples()).add(latenessMillis);
    }

    synchronized String p99s() {
        return seconds.values().stream()
                .map(samples -> samples.percentile(0.99))
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
