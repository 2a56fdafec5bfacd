package dev.escalator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One issue being escalated, as stored. Immutable: transitions return a new escalation with {@code version} one
 * higher, which the store uses to refuse a stale writer.
 *
 * <p>{@code tagged} is who was tagged at the current level (the reassignee after a reassignment). {@code timerAt} is
 * when the status's own timer fires: the level deadline while open, the end of a snooze, the re-escalation of an
 * acknowledgement that went unresolved too long. {@code nextReminderAt} is when an unresolved escalation is next
 * called stale. Both are empty or ignored once resolved. The reminders of the brief's "decision needed by" follow from
 * the brief and the timeline ({@link #nextDecisionReminderAt}).
 *
 * <p>The timeline only grows, and is bounded ({@link Transitions#MOST_NOTES}, {@link Transitions#MOST_REFUSALS},
 * {@link Transitions#MOST_CHANGES}, {@link Transitions#MOST_REFIRES}): refusals past their cap are counted in {@code
 * refusalsNotKept} and alert re-fires past theirs in {@code refiresNotKept} instead of kept one by one; notes,
 * reassignments, snoozes and reopenings past theirs are refused with a private answer.
 */
public record Escalation(
        EscalationId id,
        long version,
        String title,
        Brief brief,
        Severity severity,
        Actor reporter,
        PathId path,
        ChannelRef home,
        Status status,
        int level,
        int round,
        List<PersonId> tagged,
        Optional<Instant> timerAt,
        Instant nextReminderAt,
        Instant openedAt,
        Optional<Actor> acknowledgedBy,
        Optional<Instant> firstAcknowledgedAt,
        Optional<Instant> resolvedAt,
        List<TimelineEntry> timeline,
        int refusalsNotKept,
        int refiresNotKept) {

    public Escalation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(brief, "brief");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(status, "status");
        tagged = List.copyOf(tagged);
        Objects.requireNonNull(timerAt, "timerAt");
        Objects.requireNonNull(nextReminderAt, "nextReminderAt");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
        Objects.requireNonNull(firstAcknowledgedAt, "firstAcknowledgedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        timeline = List.copyOf(timeline);
        if (refusalsNotKept < 0 || refiresNotKept < 0) {
            throw new IllegalArgumentException("what is not kept counts from 0");
        }
        if (level < 1) {
            throw new IllegalArgumentException("levels count from 1");
        }
    }

    /** When the scheduler must next look at this escalation; empty once resolved. */
    public Optional<Instant> nextStepAt() {
        if (status == Status.RESOLVED) {
            return Optional.empty();
        }
        Instant next = timerAt.filter(t -> t.isBefore(nextReminderAt)).orElse(nextReminderAt);
        return Optional.of(
                nextDecisionReminderAt().filter(at -> at.isBefore(next)).orElse(next));
    }

    /**
     * When the thread is next reminded that a decision is needed by the brief's deadline (SPEC §6): halfway from
     * opening to the deadline, an hour before it, and at it, each only if it lies after opening and after the last
     * such reminder. Empty when the brief has no deadline, every reminder was given, or the escalation is resolved.
     * Derived from the timeline, so a reminder given is never given again, whichever replica gave it.
     */
    public Optional<Instant> nextDecisionReminderAt() {
        if (status == Status.RESOLVED || brief.decisionBy().isEmpty()) {
            return Optional.empty();
        }
        Instant deadline = brief.decisionBy().get();
        Instant since = timeline.reversed().stream()
                .filter(entry -> entry.event() instanceof Event.DecisionReminder)
                .map(TimelineEntry::at)
                .findFirst()
                .orElse(openedAt);
        Instant halfway = openedAt.plus(Duration.between(openedAt, deadline).dividedBy(2));
        return Stream.of(halfway, deadline.minus(HOUR_BEFORE_DECISION), deadline)
                .filter(at -> at.isAfter(openedAt) && at.isAfter(since))
                .min(Comparator.naturalOrder());
    }

    /** The "one hour before" of SPEC §6's decide-by reminders. */
    public static final Duration HOUR_BEFORE_DECISION = Duration.ofHours(1);

    /** The post that has not gone out yet (delivery keeps trying), if any: a {@link Event.NotDelivered} not since
     * followed by its {@link Event.DeliveredLate} or {@link Event.Dropped}. */
    public Optional<Event.NotDelivered> notDelivered() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            switch (timeline.get(i).event()) {
                case Event.NotDelivered stuck -> {
                    return Optional.of(stuck);
                }
                case Event.DeliveredLate ignored -> {
                    return Optional.empty();
                }
                case Event.Dropped ignored -> {
                    return Optional.empty();
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    public Optional<TimelineEntry> entry(int seq) {
        return seq >= 1 && seq <= timeline.size() ? Optional.of(timeline.get(seq - 1)) : Optional.empty();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies an escalation with some parts changed; used by transitions, the store and test fixtures. */
    public static final class Builder {
        private EscalationId id;
        private long version;
        private String title;
        private Brief brief = Brief.EMPTY;
        private Severity severity = Severity.DEFAULT;
        private Actor reporter;
        private PathId path;
        private ChannelRef home;
        private Status status = Status.OPEN;
        private int level = 1;
        private int round;
        private List<PersonId> tagged = List.of();
        private Optional<Instant> timerAt = Optional.empty();
        private Instant nextReminderAt;
        private Instant openedAt;
        private Optional<Actor> acknowledgedBy = Optional.empty();
        private Optional<Instant> firstAcknowledgedAt = Optional.empty();
        private Optional<Instant> resolvedAt = Optional.empty();
        private final List<TimelineEntry> timeline = new ArrayList<>();
        private int refusalsNotKept;
        private int refiresNotKept;

        @SuppressWarnings("NullAway.Init") // build() checks every required part (the constructor's requireNonNull)
        public Builder() {}

        private Builder(Escalation e) {
            id = e.id;
            version = e.version;
            title = e.title;
            brief = e.brief;
            severity = e.severity;
            reporter = e.reporter;
            path = e.path;
            home = e.home;
            status = e.status;
            level = e.level;
            round = e.round;
            tagged = e.tagged;
            timerAt = e.timerAt;
            nextReminderAt = e.nextReminderAt;
            openedAt = e.openedAt;
            acknowledgedBy = e.acknowledgedBy;
            firstAcknowledgedAt = e.firstAcknowledgedAt;
            resolvedAt = e.resolvedAt;
            timeline.addAll(e.timeline);
            refusalsNotKept = e.refusalsNotKept;
            refiresNotKept = e.refiresNotKept;
        }

        public Builder id(EscalationId id) {
            this.id = id;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder brief(Brief brief) {
            this.brief = brief;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder reporter(Actor reporter) {
            this.reporter = reporter;
            return this;
        }

        public Builder path(PathId path) {
            this.path = path;
            return this;
        }

        public Builder home(ChannelRef home) {
            this.home = home;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder level(int level) {
            this.level = level;
            return this;
        }

        public Builder round(int round) {
            this.round = round;
            return this;
        }

        public Builder tagged(List<PersonId> tagged) {
            this.tagged = tagged;
            return this;
        }

        public Builder timerAt(Optional<Instant> timerAt) {
            this.timerAt = timerAt;
            return this;
        }

        public Builder nextReminderAt(Instant nextReminderAt) {
            this.nextReminderAt = nextReminderAt;
            return this;
        }

        public Builder openedAt(Instant openedAt) {
            this.openedAt = openedAt;
            return this;
        }

        public Builder acknowledgedBy(Optional<? extends Actor> acknowledgedBy) {
            this.acknowledgedBy = acknowledgedBy.map(Actor.class::cast);
            return this;
        }

        public Builder firstAcknowledgedAt(Optional<Instant> firstAcknowledgedAt) {
            this.firstAcknowledgedAt = firstAcknowledgedAt;
            return this;
        }

        public Builder resolvedAt(Optional<Instant> resolvedAt) {
            this.resolvedAt = resolvedAt;
            return this;
        }

        public Builder timeline(List<TimelineEntry> entries) {
            timeline.clear();
            timeline.addAll(entries);
            return this;
        }

        public Builder refusalsNotKept(int refusalsNotKept) {
            this.refusalsNotKept = refusalsNotKept;
            return this;
        }

        public Builder refiresNotKept(int refiresNotKept) {
            this.refiresNotKept = refiresNotKept;
            return this;
        }

        /** Appends an event to the timeline and returns its sequence number. */
        public int record(Instant at, Actor actor, Event event) {
            int seq = timeline.size() + 1;
            timeline.add(new TimelineEntry(seq, at, actor, event));
            return seq;
        }

        public int level() {
            return level;
        }

        public int round() {
            return round;
        }

        public Escalation build() {
            return new Escalation(
                    id,
                    version,
                    title,
                    brief,
                    severity,
                    reporter,
                    path,
                    home,
                    status,
                    level,
                    round,
                    tagged,
                    timerAt,
                    nextReminderAt,
                    openedAt,
                    acknowledgedBy,
                    firstAcknowledgedAt,
                    resolvedAt,
                    timeline,
                    refusalsNotKept,
                    refiresNotKept);
        }
    }
}
