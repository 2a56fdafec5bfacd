package dev.escalator.metrics;

import dev.escalator.core.EscalationId;
import dev.escalator.core.Inbox;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The inbox, with reactions and button presses counted as {@code escalator_inbound_events_total} the way {@link
 * CountedInboundEvents} counts them where events are deduped by key alone: recorded now is {@code first}, recorded
 * before (a retry, a second delivery) is {@code duplicate}. The decision is the store's. A Slack reaction or press
 * carried out before its answer is not recorded here: it is counted by {@link #carriedOut}.
 */
public final class CountedInbox implements Inbox {
    /** The kinds of action that are platform events (typed commands and forms are not counted, as before). */
    private static final Set<String> EVENTS = Set.of("reaction", "press");

    private final Inbox inbox;
    private final MeterRegistry registry;

    public CountedInbox(Inbox inbox, MeterRegistry registry) {
        this.inbox = inbox;
        this.registry = registry;
    }

    @Override
    public Recorded record(InboxEntry entry, String owner, Instant until) {
        Recorded recorded = inbox.record(entry, owner, until);
        if (EVENTS.contains(entry.kind())) {
            counter(entry.user().platform(), recorded == Recorded.NEW ? "first" : "duplicate")
                    .increment();
        }
        return recorded;
    }

    /**
     * Counts a reaction or press carried out before its answer, its stored effect its record: {@code again} when this
     * process had carried it out before (a retry), else {@code first}.
     */
    public void carriedOut(InboxEntry entry, boolean again) {
        if (EVENTS.contains(entry.kind())) {
            counter(entry.user().platform(), again ? "duplicate" : "first").increment();
        }
    }

    private Counter counter(Platform platform, String outcome) {
        return Counter.builder("escalator.inbound.events")
                .description("Platform events received; duplicates (retries, second deliveries) are dropped")
                .tag("platform", platform.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public Optional<InboxEntry> claim(String key, String owner, Instant now, Instant until) {
        return inbox.claim(key, owner, now, until);
    }

    @Override
    public void release(String key, String owner) {
        inbox.release(key, owner);
    }

    @Override
    public List<String> unclaimed(Instant now, int limit) {
        return inbox.unclaimed(now, limit);
    }

    @Override
    public EscalationId escalationFor(String key, Supplier<EscalationId> allocate) {
        return inbox.escalationFor(key, allocate);
    }

    @Override
    public void done(String key, Duration remember) {
        inbox.done(key, remember);
    }
}
