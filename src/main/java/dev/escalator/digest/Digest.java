package dev.escalator.digest;

import dev.escalator.chat.StatsReport;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.Event;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a weekly digest says about one path, computed from the escalations opened in its week as they stand at {@code
 * now}: no clock, no store, no rendering.
 *
 * <p>Counts are of the escalations opened in the week: how many of them were acknowledged, resolved, exhausted (at
 * some point), and are still unresolved. Times come from {@link StatsReport}, so the digest and {@code stats} agree.
 */
record Digest(
        PathId path, DigestWeek week, Counts counts, StatsReport.PathStats stats, List<Slow> slowest, List<Day> days) {
    static final int SLOWEST = 3;
    static final int DAYS = 7;

    Digest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(stats, "stats");
        slowest = List.copyOf(slowest);
        days = List.copyOf(days);
    }

    record Counts(int opened, int acknowledged, int resolved, int exhausted, int stillOpen) {}

    /** One of the slowest to be acknowledged: {@code acknowledgedAfter} is empty while nobody has; then it waited. */
    record Slow(
            EscalationId id, String title, Severity severity, Optional<Duration> acknowledgedAfter, Duration waited) {
        Slow {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(acknowledgedAfter, "acknowledgedAfter");
            Objects.requireNonNull(waited, "waited");
        }
    }

    /**
     * Escalations opened in the 24 hours from {@code start}, by severity: {@code bySeverity.get(0)} is severity 1.
     * Days start at the digest's local time, so the seven of them are exactly the week.
     */
    record Day(Instant start, List<Integer> bySeverity) {
        Day {
            Objects.requireNonNull(start, "start");
            bySeverity = List.copyOf(bySeverity);
        }

        int total() {
            return bySeverity.stream().mapToInt(Integer::intValue).sum();
        }
    }

    static Digest of(PathId path, DigestWeek week, ZoneId zone, List<Escalation> escalations, Instant now) {
        var opened = escalations.stream()
                .filter(e -> e.path().equals(path))
                .filter(e ->
                        !e.openedAt().isBefore(week.start()) && e.openedAt().isBefore(week.end()))
                .toList();
        var counts = new Counts(
                opened.size(),
                count(opened, e -> e.firstAcknowledgedAt().isPresent()),
                count(opened, e -> e.status() == Status.RESOLVED),
                count(opened, Digest::wasExhausted),
                count(opened, e -> e.status() != Status.RESOLVED));
        var stats = StatsReport.compute(opened.stream().map(EscalationTimes::of).toList()).stream()
                .findFirst()
                .orElse(new StatsReport.PathStats(
                        path, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return new Digest(path, week, counts, stats, slowest(opened, now), days(opened, week, zone));
    }

    private static int count(List<Escalation> escalations, Predicate<Escalation> which) {
        return (int) escalations.stream().filter(which).count();
    }

    private static boolean wasExhausted(Escalation escalation) {
        return escalation.timeline().stream().anyMatch(entry -> entry.event() instanceof Event.Exhausted);
    }

    /**
     * Still unacknowledged ones first (longest waiting first), then by time to acknowledge. One resolved without an
     * acknowledgement (withdrawn by its reporter) waited for nobody and is left out.
     */
    private static List<Slow> slowest(List<Escalation> opened, Instant now) {
        return opened.stream()
                .flatMap(e -> {
                    if (e.firstAcknowledgedAt().isPresent()) {
                        var after = Duration.between(
                                e.openedAt(), e.firstAcknowledgedAt().orElseThrow());
                        return Stream.of(slow(e, Optional.of(after), after));
                    }
                    if (e.status() == Status.RESOLVED) {
                        return Stream.empty();
                    }
                    return Stream.of(slow(e, Optional.empty(), Duration.between(e.openedAt(), now)));
                })
                .sorted(Comparator.comparing((Slow s) -> s.acknowledgedAfter().isPresent())
                        .thenComparing(Slow::waited, Comparator.reverseOrder())
                        .thenComparingLong(s -> s.id().number()))
                .limit(SLOWEST)
                .toList();
    }

    private static Slow slow(Escalation e, Optional<Duration> acknowledgedAfter, Duration waited) {
        return new Slow(e.id(), e.title(), e.severity(), acknowledgedAfter, waited);
    }

    private static List<Day> days(List<Escalation> opened, DigestWeek week, ZoneId zone) {
        ZonedDateTime first = week.start().atZone(zone);
        var days = new ArrayList<Day>();
        for (int i = 0; i < DAYS; i++) {
            Instant start = first.plusDays(i).toInstant();
            Instant end = i == DAYS - 1 ? week.end() : first.plusDays(i + 1).toInstant();
            var bySeverity = new ArrayList<>(Collections.nCopies(Severity.LEAST, 0));
            opened.stream()
                    .filter(e -> !e.openedAt().isBefore(start) && e.openedAt().isBefore(end))
                    .forEach(e -> bySeverity.set(
                            e.severity().value() - 1,
                            bySeverity.get(e.severity().value() - 1) + 1));
            days.add(new Day(start, bySeverity));
        }
        return days;
    }
}
