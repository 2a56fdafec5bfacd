package dev.escalator.metrics;

import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.TimelineEntry;
import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.StoredChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Escalation counters, times to acknowledge and resolve, and the number of unresolved escalations, all derived from
 * the timeline entries each stored write added, so they count what happened, once, and never a write that lost a
 * race.
 *
 * <p>The open gauge starts from the store's count (on the embedded store, its work queues in memory, counted again
 * once they are loaded after the start) and then moves with the changes this process stores, so a scrape never
 * queries the store. That is exact on the embedded store (one process). With several replicas on one
 * MongoDB each replica sees only its own writes, so {@link RecountOpenEscalations} sets it to the store's count every
 * minute; between recounts a replica's gauge may miss the others' latest changes. The escalation counters are per
 * replica and add up with {@code sum}.
 */
public final class EscalationMetrics implements AfterWrite {
    static final Duration[] TIME_TO_ACT_BUCKETS = {
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(4),
        Duration.ofDays(1)
    };

    private final MeterRegistry registry;
    private final AtomicLong unresolved;

    public EscalationMetrics(MeterRegistry registry, long unresolvedAtStart) {
        this.registry = registry;
        this.unresolved = registry.gauge("escalator.open.escalations", new AtomicLong(unresolvedAtStart));
    }

    /** The store's own count, which replaces what this process had worked out. */
    void recounted(long count) {
        unresolved.set(count);
    }

    @Override
    public void stored(StoredChange change) {
        Escalation stored = change.escalation();
        List<TimelineEntry> timeline = stored.timeline();
        for (int i = Math.max(0, change.earlierEntries()); i < timeline.size(); i++) {
            count(stored, timeline.get(i), i);
        }
    }

    private void count(Escalation escalation, TimelineEntry entry, int index) {
        switch (entry.event()) {
            case Event.Opened opened -> {
                unresolved.incrementAndGet();
                escalationCounter("opened", escalation).increment();
            }
            case Event.Acknowledged acknowledged -> {
                escalationCounter("acknowledged", escalation).increment();
                if (firstSinceOpening(escalation.timeline(), index, Event.Acknowledged.class)) {
                    timeTo("acknowledge", escalation).record(sinceOpening(escalation.timeline(), index));
                }
            }
            case Event.Resolved resolved -> {
                unresolved.decrementAndGet();
                escalationCounter("resolved", escalation).increment();
                timeTo("resolve", escalation).record(sinceOpening(escalation.timeline(), index));
            }
            case Event.Reopened reopened -> unresolved.incrementAndGet();
            case Event.Exhausted exhausted ->
                escalationCounter("exhausted", escalation).increment();
            case Event.Refused refused ->
                Counter.builder("escalator.escalations.refused")
                        .description("Actions refused because the person may not do them")
                        .tag("action", refused.action().verb())
                        .register(registry)
                        .increment();
            default -> {}
        }
    }

    private Counter escalationCounter(String what, Escalation escalation) {
        return Counter.builder("escalator.escalations." + what)
                .description("Escalations " + what)
                .tag("path", escalation.path().value())
                .tag("severity", String.valueOf(escalation.severity().value()))
                .register(registry);
    }

    private Timer timeTo(String action, Escalation escalation) {
        return Timer.builder("escalator.time.to." + action)
                .description("From opening (or reopening) to the first " + action)
                .tag("path", escalation.path().value())
                .serviceLevelObjectives(TIME_TO_ACT_BUCKETS)
                .register(registry);
    }

    /** True when no entry of {@code kind} came between the latest opening or reopening and {@code index}. */
    private static boolean firstSinceOpening(List<TimelineEntry> timeline, int index, Class<? extends Event> kind) {
        for (int i = index - 1; i >= 0; i--) {
            Event event = timeline.get(i).event();
            if (kind.isInstance(event)) {
                return false;
            }
            if (event instanceof Event.Opened || event instanceof Event.Reopened) {
                return true;
            }
        }
        return true;
    }

    private static Duration sinceOpening(List<TimelineEntry> timeline, int index) {
        Instant at = timeline.get(index).at();
        for (int i = index - 1; i >= 0; i--) {
            Event event = timeline.get(i).event();
            if (event instanceof Event.Opened || event instanceof Event.Reopened) {
                return Duration.between(timeline.get(i).at(), at);
            }
        }
        return Duration.ZERO;
    }
}
