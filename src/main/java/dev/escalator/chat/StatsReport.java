package dev.escalator.chat;

import dev.escalator.core.DurationFormat;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.PathId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Count, median and p90 time to acknowledge and to resolve, per path (SPEC §5 {@code stats}). */
public final class StatsReport {
    /** The numbers of one path. Times are empty when no escalation got that far. */
    public record PathStats(
            PathId path,
            int count,
            Optional<Duration> medianToAcknowledge,
            Optional<Duration> p90ToAcknowledge,
            Optional<Duration> medianToResolve,
            Optional<Duration> p90ToResolve) {}

    private StatsReport() {}

    public static List<PathStats> compute(List<EscalationTimes> escalations) {
        Map<String, List<EscalationTimes>> byPath = escalations.stream()
                .collect(Collectors.groupingBy(e -> e.path().value(), TreeMap::new, Collectors.toList()));
        var stats = new ArrayList<PathStats>();
        byPath.forEach((path, list) -> {
            List<Duration> toAck = list.stream()
                    .flatMap(e -> e.firstAcknowledgedAt().map(at -> Duration.between(e.openedAt(), at)).stream())
                    .sorted()
                    .toList();
            List<Duration> toResolve = list.stream()
                    .flatMap(e -> e.resolvedAt().map(at -> Duration.between(e.openedAt(), at)).stream())
                    .sorted()
                    .toList();
            stats.add(new PathStats(
                    new PathId(path),
                    list.size(),
                    percentile(toAck, 50),
                    percentile(toAck, 90),
                    percentile(toResolve, 50),
                    percentile(toResolve, 90)));
        });
        stats.sort(Comparator.comparing(s -> s.path().value()));
        return stats;
    }

    /** Nearest-rank percentile of sorted values. */
    static Optional<Duration> percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }

    public static String render(List<PathStats> stats, Duration window) {
        if (stats.isEmpty()) {
            return "No escalations in the last %s.".formatted(window(window));
        }
        var lines = new ArrayList<String>();
        lines.add("Last %s:".formatted(window(window)));
        for (PathStats s : stats) {
            lines.add("`%s`: %d escalation%s · acknowledge median %s, p90 %s · resolve median %s, p90 %s"
                    .formatted(
                            s.path(),
                            s.count(),
                            s.count() == 1 ? "" : "s",
                            time(s.medianToAcknowledge()),
                            time(s.p90ToAcknowledge()),
                            time(s.medianToResolve()),
                            time(s.p90ToResolve())));
        }
        return String.join("\n", lines);
    }

    /** Windows are asked for in days ({@code 30d}), so they are said in days, not {@code 4w2d}. */
    private static String window(Duration window) {
        return window.toSeconds() % 86_400 == 0 ? window.toDays() + "d" : DurationFormat.format(window);
    }

    private static String time(Optional<Duration> duration) {
        return duration.map(DurationFormat::format).orElse("–");
    }
}
