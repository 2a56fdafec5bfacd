package dev.escalator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Lateness grouped by the window (a second, ten seconds) a step was due in, to tell a slow start from a slow steady
 * state, and a steady state from a backlog that grows.
 */
final class ByDueTime {
    private final Instant start;
    private final long widthMillis;
    private final Map<Long, Samples> windows = new TreeMap<>();

    ByDueTime(Instant start, Duration width) {
        this.start = start;
        this.widthMillis = width.toMillis();
    }

    synchronized void add(Instant due, long latenessMillis) {
        long window = (due.toEpochMilli() - start.toEpochMilli()) / widthMillis;
        windows.computeIfAbsent(window, ignored -> new Samples()).add(latenessMillis);
    }

    synchronized String p99s() {
        return windows.values().stream()
                .map(samples -> samples.percentile(0.99))
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
