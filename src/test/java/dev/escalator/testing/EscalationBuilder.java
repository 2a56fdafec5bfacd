package dev.escalator.testing;

import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.PersonId;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds a stored-looking {@link Escalation} in any state without running the state machine, so a test of one
 * transition does not depend on the others. Unless told otherwise: ESC-1 "Checkout is failing", severity 3, on payments
 * in {@link Fixtures#PAYMENTS_CHANNEL}, opened at {@link Fixtures#T0} by {@link Fixtures#reporter()}, OPEN at the
 * path's start level in round 0.
 *
 * <p>The state is consistent with its status, computed from the directory ({@link Fixtures#payments()} by default):
 * the level's people are tagged as they were {@link #since} (default: the opening); OPEN runs the level's ack timeout
 * from then; ACKNOWLEDGED and SNOOZED were acknowledged then by the first tagged person, ACKNOWLEDGED re-escalates
 * after the path's {@code reescalate_after_ack} (if any), SNOOZED wakes 30 minutes later; EXHAUSTED has no timer;
 * RESOLVED was resolved then. The timeline is opened, tagged, and one entry for the status (acknowledged, snoozed,
 * exhausted, resolved); the version is one per change after the opening.
 */
public final class EscalationBuilder {
    private Directory directory = Fixtures.payments();
    private long id = 1;
    private String title = "Checkout is failing";
    private Brief brief = Brief.EMPTY;
    private Severity severity = Severity.DEFAULT;
    private Actor reporter = Fixtures.reporter();
    private PathId path = Fixtures.PAYMENTS;
    private ChannelRef home = Fixtures.PAYMENTS_CHANNEL;
    private Status status = Status.OPEN;
    private OptionalInt level = OptionalInt.empty();
    private int round;
    private Optional<List<PersonId>> tagged = Optional.empty();
    private Instant openedAt = Fixtures.T0;
    private Optional<Instant> since = Optional.empty();
    private Optional<Actor.User> acknowledgedBy = Optional.empty();
    private Optional<Instant> firstAcknowledgedAt = Optional.empty();
    private Optional<Instant> snoozedUntil = Optional.empty();

    EscalationBuilder() {}

    /** The configuration the escalation was made under (it must have the escalation's path). */
    public EscalationBuilder in(Directory directory) {
        this.directory = directory;
        return this;
    }

    public EscalationBuilder id(long number) {
        this.id = number;
        return this;
    }

    public EscalationBuilder titled(String title) {
        this.title = title;
        return this;
    }

    public EscalationBuilder brief(Brief brief) {
        this.brief = brief;
        return this;
    }

    public EscalationBuilder severity(int severity) {
        this.severity = new Severity(severity);
        return this;
    }

    public EscalationBuilder reportedBy(Actor reporter) {
        this.reporter = reporter;
        return this;
    }

    public EscalationBuilder onPath(String path) {
        this.path = new PathId(path);
        return this;
    }

    public EscalationBuilder livingIn(ChannelRef home) {
        this.home = home;
        return this;
    }

    public EscalationBuilder withStatus(Status status) {
        this.status = status;
        return this;
    }

    /** The current level, 1-based. */
    public EscalationBuilder atLevel(int level) {
        this.level = OptionalInt.of(level);
        return this;
    }

    /** How many times the path has started over (0 on the first pass). */
    public EscalationBuilder inRound(int round) {
        this.round = round;
        return this;
    }

    /** Who is tagged at the current level, instead of the level's people (e.g. after a reassignment). */
    public EscalationBuilder tagged(PersonId... people) {
        this.tagged = Optional.of(List.of(people));
        return this;
    }

    public EscalationBuilder openedAt(Instant openedAt) {
        this.openedAt = openedAt;
        return this;
    }

    /** When the current level was tagged and the current status began; the opening by default. */
    public EscalationBuilder since(Instant since) {
        this.since = Optional.of(since);
        return this;
    }

    public EscalationBuilder acknowledgedBy(Actor.User by) {
        this.acknowledgedBy = Optional.of(by);
        return this;
    }

    /** For an escalation acknowledged before its current acknowledgement (which is {@link #since}). */
    public EscalationBuilder firstAcknowledgedAt(Instant at) {
        this.firstAcknowledgedAt = Optional.of(at);
        return this;
    }

    public EscalationBuilder snoozedUntil(Instant until) {
        this.snoozedUntil = Optional.of(until);
        return this;
    }

    public Escalation build() {
        Path path = directory
                .path(this.path)
                .orElseThrow(() -> new IllegalArgumentException("the directory has no path " + this.path));
        int level = this.level.orElse(path.startLevel(severity));
        Instant since = this.since.orElse(openedAt);
        List<PersonId> tagged = this.tagged.orElseGet(() -> directory.peopleToTag(path.level(level), since));
        Duration ackTimeout = path.level(level).ackTimeout();
        boolean acknowledged = status == Status.ACKNOWLEDGED || status == Status.SNOOZED;
        Actor.User acknowledger = acknowledgedBy.orElseGet(() -> Fixtures.actor(directory, tagged.getFirst()));
        Instant wakeUp = snoozedUntil.orElse(since.plus(Duration.ofMinutes(30)));
        Optional<Instant> timerAt = switch (status) {
            case OPEN -> Optional.of(since.plus(ackTimeout));
            case ACKNOWLEDGED -> path.reescalateAfterAck().map(since::plus);
            case SNOOZED -> Optional.of(wakeUp);
            case EXHAUSTED, RESOLVED -> Optional.empty();
        };

        var next = new Escalation.Builder()
                .id(new EscalationId(id))
                .title(title)
                .brief(brief)
                .severity(severity)
                .reporter(reporter)
                .path(path.id())
                .home(home)
                .status(status)
                .level(level)
                .round(round)
                .tagged(tagged)
                .timerAt(timerAt)
                .openedAt(openedAt)
                .nextReminderAt(openedAt.plus(path.staleAfter()))
                .acknowledgedBy(acknowledged ? Optional.of(acknowledger) : Optional.empty())
                .firstAcknowledgedAt(acknowledged ? Optional.of(firstAcknowledgedAt.orElse(since)) : Optional.empty())
                .resolvedAt(status == Status.RESOLVED ? Optional.of(since) : Optional.empty());
        next.record(openedAt, reporter, new Event.Opened(title, severity, path.id()));
        next.record(
                since,
                since.equals(openedAt) ? reporter : Actor.BOT,
                new Event.Tagged(level, path.levelCount(), round, tagged, since.plus(ackTimeout)));
        switch (status) {
            case OPEN -> {}
            case ACKNOWLEDGED -> next.record(since, acknowledger, new Event.Acknowledged());
            case SNOOZED -> next.record(since, acknowledger, new Event.Snoozed(wakeUp));
            case EXHAUSTED -> next.record(since, Actor.BOT, new Event.Exhausted(path.fallback()));
            case RESOLVED -> next.record(since, reporter, new Event.Resolved(Optional.empty()));
        }
        return next.version(status == Status.OPEN ? 1 : 2).build();
    }
}
