package dev.escalator.bench;

import dev.escalator.bench.ClaimsTakeOver.Claim;
import dev.escalator.bench.ClaimsTakeOver.Kill;
import dev.escalator.bench.ClaimsTakeOver.Kind;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.TimelineEntry;
import dev.escalator.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The take-over of each kill ({@link ClaimsTakeOver}) put into numbers: from the kill until every claim of a kind
 * was taken by another replica, and how late the work those claims held was done: a step held, from its due time to
 * its stored entry; a post held (an effect ready in the outbox of a delivery claim), from the outbox's ready time to
 * the first Web API call Slack received for that escalation after the kill.
 */
final class TakeOverReport {
    private static final Pattern CHANNEL = Pattern.compile("C(\\d+)");
    private static final Pattern ESCALATION_ID = Pattern.compile("ESC-(\\d+)\\b");

    private final List<Kill> kills;
    private final Map<Kind, Samples> takeOver = new HashMap<>();
    private final Map<Kind, Samples> ended = new HashMap<>();
    private final Map<Kind, Samples> heldLateness = new HashMap<>();
    private final Map<Kind, Integer> notTaken = new HashMap<>();
    private final Map<Kind, Integer> claims = new HashMap<>();
    private int postsNeverMade;

    TakeOverReport(List<Kill> kills, List<Escalation> escalations, FakeSlackApi slack) {
        this.kills = kills;
        Map<Long, Escalation> byId =
                escalations.stream().collect(Collectors.toMap(e -> e.id().number(), Function.identity()));
        Map<Long, List<Instant>> calls = callsByEscalation(slack);
        for (Kind kind : Kind.values()) {
            takeOver.put(kind, new Samples());
            ended.put(kind, new Samples());
            heldLateness.put(kind, new Samples());
            notTaken.put(kind, 0);
            claims.put(kind, 0);
        }
        for (Kill kill : kills) {
            for (Kind kind : Kind.values()) {
                claims.merge(kind, (int) kill.count(kind), Integer::sum);
                if (kill.count(kind) > 0) {
                    kill.takenOverWithin(kind)
                            .ifPresentOrElse(
                                    within -> takeOver.get(kind).add(within.toMillis()),
                                    () -> notTaken.merge(kind, 1, Integer::sum));
                    kill.endedWithin(kind).ifPresent(within -> ended.get(kind).add(within.toMillis()));
                }
            }
            for (Claim claim : kill.claims()) {
                if (!claim.workWaiting()) {
                    continue;
                }
                Optional<Instant> done = switch (claim.kind()) {
                    case STEP -> stepAfter(byId.get(claim.id()), kill.killedAt());
                    case DELIVERY ->
                        calls.getOrDefault(claim.id(), List.of()).stream()
                                .filter(at -> !at.isBefore(kill.killedAt()))
                                .findFirst();
                };
                Instant ready = readyAt(claim, byId.get(claim.id()), kill.killedAt());
                done.ifPresentOrElse(
                        at -> heldLateness
                                .get(claim.kind())
                                .add(Duration.between(ready, at).toMillis()),
                        () -> postsNeverMade += claim.kind() == Kind.DELIVERY ? 1 : 0);
            }
        }
    }

    /** Every claim of {@code kind} taken over, each kill's within {@code targetMs} of the kill. */
    boolean met(Kind kind, double targetMs) {
        return notTaken.get(kind) == 0 && takeOver.get(kind).percentile(1.0) <= targetMs;
    }

    String verdict(Kind kind, double targetMs, String overall) {
        return "%d ms from the kill at most (target ≤ %.0f ms), %d kills holding %d claims, %d not taken within %d s;"
                        .formatted(
                                takeOver.get(kind).percentile(1.0),
                                targetMs,
                                kills.size(),
                                claims.get(kind),
                                notTaken.get(kind),
                                ClaimsTakeOver.GIVE_UP.toSeconds())
                + " all ended within %s ms (p50 / p99 / max);"
                        .formatted(ended.get(kind).summary(1, "%.0f"))
                + " the %s held done p50 / p99 / max %s ms late; %s"
                        .formatted(
                                kind == Kind.STEP ? "steps" : "posts",
                                heldLateness.get(kind).summary(1, "%.0f"),
                                overall);
    }

    /** The take-over's table and each kill's times, for the benchmark's report. */
    String table(Optional<Path> archive) {
        var perKill = new ArrayList<String>();
        for (Kill kill : kills) {
            perKill.add("%s: %s / %s (%d) and %s / %s (%d)"
                    .formatted(
                            kill.lastHeartbeat()
                                    .map(at -> Long.toString(Duration.between(at, kill.killedAt())
                                            .toMillis()))
                                    .orElse("?"),
                            within(kill.endedWithin(Kind.STEP), kill.count(Kind.STEP)),
                            within(kill.takenOverWithin(Kind.STEP), kill.count(Kind.STEP)),
                            kill.count(Kind.STEP),
                            within(kill.endedWithin(Kind.DELIVERY), kill.count(Kind.DELIVERY)),
                            within(kill.takenOverWithin(Kind.DELIVERY), kill.count(Kind.DELIVERY)),
                            kill.count(Kind.DELIVERY)));
        }
        return """
                The take-over, read from the store (issue #17's row): at each kill, the claims the dead replica held; \
                then each looked at every %d ms until another replica had taken it (or it was ended with nothing \
                left waiting on it).

                | kills | claims held: step / delivery | step claims all ended, from the kill: p50 / p99 / max | \
                step claims all taken over: p50 / p99 / max | delivery claims all ended: p50 / p99 / max | \
                delivery claims all taken over: p50 / p99 / max | kills with a claim not taken over within %d s: \
                step / delivery | steps held, done late by p50 / p99 / max | posts held (effects ready), made late \
                by p50 / p99 / max | posts held never made | bots started with |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                | %d | %d / %d | %s ms | %s ms | %s ms | %s ms | %d / %d | %s ms | %s ms | %d | %s |

                Each kill, the age of the dead replica's last heartbeat at the kill (ms; the silence counts from \
                it): ms from the kill until its claims were all ended / all taken over (claims held), step claims and \
                delivery claims: %s.
                """.formatted(
                        ClaimsTakeOver.POLL.toMillis(),
                        ClaimsTakeOver.GIVE_UP.toSeconds(),
                        kills.size(),
                        claims.get(Kind.STEP),
                        claims.get(Kind.DELIVERY),
                        ended.get(Kind.STEP).summary(1, "%.0f"),
                        takeOver.get(Kind.STEP).summary(1, "%.0f"),
                        ended.get(Kind.DELIVERY).summary(1, "%.0f"),
                        takeOver.get(Kind.DELIVERY).summary(1, "%.0f"),
                        notTaken.get(Kind.STEP),
                        notTaken.get(Kind.DELIVERY),
                        heldLateness.get(Kind.STEP).summary(1, "%.0f"),
                        heldLateness.get(Kind.DELIVERY).summary(1, "%.0f"),
                        postsNeverMade,
                        archive.isPresent()
                                ? "the image's JVM options and AppCDS archive (`bin/train-cds`)"
                                : "the image's JVM options, no AppCDS archive",
                        String.join(", ", perKill));
    }

    private static String within(Optional<Duration> within, long held) {
        if (held == 0) {
            return "-";
        }
        return within.map(d -> Long.toString(d.toMillis())).orElse("never");
    }

    /**
     * When the held work was ready: a step at its due time; an effect when the outbox says, or, when it says "at once"
     * (a time before the write that queued it), at the escalation's last entry before the kill.
     */
    private static Instant readyAt(Claim claim, Escalation escalation, Instant killedAt) {
        if (claim.kind() == Kind.STEP || escalation == null) {
            return claim.readyAt();
        }
        Instant lastWrite = escalation.timeline().stream()
                .map(TimelineEntry::at)
                .filter(at -> !at.isAfter(killedAt))
                .max(Instant::compareTo)
                .orElse(claim.readyAt());
        return lastWrite.isAfter(claim.readyAt()) ? lastWrite : claim.readyAt();
    }

    /** When the escalation's first step after {@code after} was stored: a tag or its exhaustion. */
    private static Optional<Instant> stepAfter(Escalation escalation, Instant after) {
        if (escalation == null) {
            return Optional.empty();
        }
        return escalation.timeline().stream()
                .filter(entry -> entry.event() instanceof Event.Tagged || entry.event() instanceof Event.Exhausted)
                .map(TimelineEntry::at)
                .filter(at -> !at.isBefore(after))
                .findFirst();
    }

    /**
     * The times Slack received a post or an edit for each escalation, in order: in its own channel ({@code C<id>},
     * one per escalation) or naming it ({@code ESC-<id>}, the direct messages).
     */
    private static Map<Long, List<Instant>> callsByEscalation(FakeSlackApi slack) {
        var byEscalation = new HashMap<Long, List<Instant>>();
        for (var call : slack.calls()) {
            if (!call.method().equals("chat.postMessage") && !call.method().equals("chat.update")) {
                continue;
            }
            Optional<Long> id = Optional.empty();
            Matcher channel = CHANNEL.matcher(call.params().getOrDefault("channel", ""));
            if (channel.matches()) {
                id = Optional.of(Long.parseLong(channel.group(1)));
            } else {
                Matcher named = ESCALATION_ID.matcher(call.text());
                if (named.find()) {
                    id = Optional.of(Long.parseLong(named.group(1)));
                }
            }
            id.ifPresent(
                    n -> byEscalation.computeIfAbsent(n, k -> new ArrayList<>()).add(call.at()));
        }
        byEscalation.values().forEach(times -> times.sort(null));
        return byEscalation;
    }
}
