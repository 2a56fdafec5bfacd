package dev.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Command;
import dev.escalator.core.Directory;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.Problem;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import java.time.Instant;
import java.util.List;

/**
 * {@link Transitions} with its contract checked on every call, so each test that drives the state machine through this
 * class also checks what must hold for every transition:
 *
 * <ul>
 *   <li>Applied and Refused bump the version by exactly one and only append to the timeline, with consecutive sequence
 *       numbers, at {@code now};
 *   <li>every effect refers to a timeline entry the transition added ({@code escalation.entry(seq)} is present), the
 *       fallback alert to the exhausted entry, and the root message is refreshed at most once;
 *   <li>Refused adds one {@code refused} entry by the actor, for the command's action (or, once the timeline holds
 *       {@link Transitions#MOST_REFUSALS} of them, counts it in {@code refusalsNotKept}), and changes nothing else;
 *   <li>the resulting escalation is consistent with its status (open has a timer, resolved has none, acknowledged
 *       has someone who acknowledged, and so on);
 *   <li>a StepDue that applies consumes what was due, so the scheduler cannot loop on it.
 * </ul>
 */
public final class CheckedTransitions {
    private final Transitions transitions;

    public CheckedTransitions(Directory directory) {
        this.transitions = new Transitions(directory);
    }

    public Directory directory() {
        return transitions.directory();
    }

    public Outcome open(EscalationId id, OpenRequest request, Instant now) {
        Outcome outcome = transitions.open(id, request, now);
        if (outcome instanceof Outcome.Applied applied) {
            Escalation opened = applied.escalation();
            assertThat(opened.version()).as("version of a new escalation").isEqualTo(1);
            assertThat(opened.timeline()).as("timeline of a new escalation").isNotEmpty();
            assertThat(opened.timeline().getFirst().event()).isInstanceOf(Event.Opened.class);
            assertAppended(List.of(), opened.timeline(), now);
            assertEffectsReferToNewEntries(applied.effects(), opened, 0);
            assertThat(applied.effects()).as("effects of opening").startsWith(new Effect.PostRoot());
            assertConsistent(opened);
        }
        return outcome;
    }

    public Outcome decide(Escalation before, Command command, Instant now) {
        Outcome outcome = transitions.decide(before, command, now);
        switch (outcome) {
            case Outcome.Applied applied -> checkApplied(before, command, now, applied);
            case Outcome.Refused refused -> checkRefused(before, command, now, refused);
            case Outcome.Rejected rejected ->
                assertThat(rejected.problem().message()).as("rejection message").isNotBlank();
        }
        return outcome;
    }

    /** The scheduler's step at {@code at}; fails unless something was due and was done. */
    public Outcome.Applied step(Escalation escalation, Instant at) {
        return Outcomes.applied(decide(escalation, new Command.StepDue(), at));
    }

    /** Fails unless the scheduler's step at {@code at} finds nothing due, so nothing happens. */
    public void assertNothingDueAt(Escalation escalation, Instant at) {
        Outcomes.rejected(decide(escalation, new Command.StepDue(), at), Problem.Kind.NOT_DUE);
    }

    private void checkApplied(Escalation before, Command command, Instant now, Outcome.Applied applied) {
        Escalation after = applied.escalation();
        assertThat(after.version()).as("version after %s", command).isEqualTo(before.version() + 1);
        assertThat(after.timeline()).as("timeline after %s", command).startsWith(array(before.timeline()));
        assertAppended(before.timeline(), after.timeline(), now);
        long refiresKept = before.timeline().stream()
                .filter(entry -> entry.event() instanceof Event.AlertFired)
                .count();
        if (command instanceof Command.AlertFired && refiresKept >= Transitions.MOST_REFIRES) {
            assertThat(after.timeline()).as("a re-fire past the cap").isEqualTo(before.timeline());
            assertThat(after.refiresNotKept()).isEqualTo(before.refiresNotKept() + 1);
        } else {
            assertThat(after.timeline())
                    .as("entries added by %s", command)
                    .hasSizeGreaterThan(before.timeline().size());
            assertThat(after.refiresNotKept()).isEqualTo(before.refiresNotKept());
        }
        assertEffectsReferToNewEntries(
                applied.effects(), after, before.timeline().size());
        assertThat(applied.effects()).as("effects of %s", command).doesNotContain(new Effect.PostRoot());
        assertConsistent(after);
        if (command instanceof Command.StepDue) {
            boolean timerConsumed = !after.timerAt().equals(before.timerAt())
                    && after.timerAt().map(now::isBefore).orElse(true);
            boolean reminderMoved = after.nextReminderAt().isAfter(now);
            boolean decisionReminderGiven =
                    after.nextDecisionReminderAt().map(now::isBefore).orElse(true)
                            && !after.nextDecisionReminderAt().equals(before.nextDecisionReminderAt());
            assertThat(timerConsumed || reminderMoved || decisionReminderGiven)
                    .as("a step that applied leaves nothing due at %s for the same reason: %s", now, after)
                    .isTrue();
        }
    }

    private static void checkRefused(Escalation before, Command command, Instant now, Outcome.Refused refused) {
        Escalation after = refused.escalation();
        assertThat(after.version()).as("version after a refusal").isEqualTo(before.version() + 1);
        long refusalsKept = before.timeline().stream()
                .filter(entry -> entry.event() instanceof Event.Refused)
                .count();
        if (refusalsKept >= Transitions.MOST_REFUSALS) {
            assertThat(after.timeline()).as("a refusal past the cap").isEqualTo(before.timeline());
            assertThat(after.refusalsNotKept()).isEqualTo(before.refusalsNotKept() + 1);
        } else {
            assertThat(after.timeline()).hasSize(before.timeline().size() + 1);
            assertThat(after.timeline().getLast())
                    .as("the refused entry")
                    .isEqualTo(new TimelineEntry(
                            before.timeline().size() + 1,
                            now,
                            command.actor(),
                            new Event.Refused(refused.action(), refused.reason())));
            assertThat(after.refusalsNotKept()).isEqualTo(before.refusalsNotKept());
        }
        assertThat(refused.action()).isEqualTo(actionOf(command));
        assertThat(after.toBuilder()
                        .version(before.version())
                        .timeline(before.timeline())
                        .refusalsNotKept(before.refusalsNotKept())
                        .build())
                .as("everything but the version and the refused entry is unchanged")
                .isEqualTo(before);
    }

    private static void assertAppended(List<TimelineEntry> before, List<TimelineEntry> after, Instant now) {
        for (int i = before.size(); i < after.size(); i++) {
            TimelineEntry entry = after.get(i);
            assertThat(entry.seq()).as("sequence number of %s", entry).isEqualTo(i + 1);
            assertThat(entry.at()).as("time of %s", entry).isEqualTo(now);
        }
    }

    private static void assertEffectsReferToNewEntries(List<Effect> effects, Escalation after, int oldEntries) {
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.Announce announce -> assertNewEntry(after, announce.seq(), oldEntries, effect);
                case Effect.AlertFallback alert -> {
                    assertNewEntry(after, alert.seq(), oldEntries, effect);
                    assertThat(after.entry(alert.seq()).orElseThrow().event())
                            .as("the entry a fallback alert refers to")
                            .isInstanceOf(Event.Exhausted.class);
                }
                case Effect.DirectMessage dm -> {
                    assertNewEntry(after, dm.seq(), oldEntries, effect);
                    assertThat(after.entry(dm.seq()).orElseThrow().event().tags())
                            .as("the people the tag a direct message is about tags")
                            .contains(dm.person());
                }
                case Effect.PostRoot ignored -> {}
                case Effect.RefreshRoot ignored -> {}
                case Effect.RefreshDirectMessages ignored -> {}
            }
        }
        assertThat(effects.stream().filter(Effect.RefreshRoot.class::isInstance))
                .as("root refreshes in %s", effects)
                .hasSizeLessThanOrEqualTo(1);
    }

    private static void assertNewEntry(Escalation after, int seq, int oldEntries, Effect effect) {
        assertThat(after.entry(seq)).as("the entry %s refers to", effect).isPresent();
        assertThat(seq)
                .as("%s refers to an entry this transition added", effect)
                .isGreaterThan(oldEntries);
    }

    private static void assertConsistent(Escalation e) {
        String state = e.status() + " " + e;
        assertThat(e.resolvedAt().isPresent())
                .as("resolved time iff resolved: %s", state)
                .isEqualTo(e.status() == Status.RESOLVED);
        switch (e.status()) {
            case OPEN -> {
                assertThat(e.timerAt()).as("level timer: %s", state).isPresent();
                assertThat(e.acknowledgedBy())
                        .as("nobody acknowledged: %s", state)
                        .isEmpty();
            }
            case ACKNOWLEDGED ->
                assertThat(e.acknowledgedBy()).as("who acknowledged: %s", state).isPresent();
            case SNOOZED -> {
                assertThat(e.timerAt()).as("snooze end: %s", state).isPresent();
                assertThat(e.acknowledgedBy()).as("who snoozed: %s", state).isPresent();
            }
            case EXHAUSTED, RESOLVED ->
                assertThat(e.timerAt()).as("no timer: %s", state).isEmpty();
        }
        if (e.acknowledgedBy().isPresent()) {
            assertThat(e.firstAcknowledgedAt())
                    .as("first acknowledgement: %s", state)
                    .isPresent();
        }
        assertThat(e.nextStepAt().isEmpty()).isEqualTo(e.status() == Status.RESOLVED);
    }

    private static Action actionOf(Command command) {
        return switch (command) {
            case Command.Acknowledge ignored -> Action.ACKNOWLEDGE;
            case Command.Resolve ignored -> Action.RESOLVE;
            case Command.Escalate ignored -> Action.ESCALATE;
            case Command.Decline ignored -> Action.DECLINE;
            case Command.Reassign ignored -> Action.REASSIGN;
            case Command.Snooze ignored -> Action.SNOOZE;
            case Command.Note ignored -> Action.NOTE;
            case Command.Reopen ignored -> Action.REOPEN;
            case Command.StepDue ignored -> throw new AssertionError("the bot's step is never refused");
            case Command.AlertFired ignored -> throw new AssertionError("an integration's alert is never refused");
            case Command.AlertResolved ignored -> throw new AssertionError("an integration's alert is never refused");
            case Command.AlertAcknowledged ignored ->
                throw new AssertionError("an integration's alert is never refused");
        };
    }

    private static TimelineEntry[] array(List<TimelineEntry> entries) {
        return entries.toArray(TimelineEntry[]::new);
    }
}
