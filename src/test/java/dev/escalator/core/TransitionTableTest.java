package dev.escalator.core;

import static dev.escalator.testing.Commands.ack;
import static dev.escalator.testing.Commands.decline;
import static dev.escalator.testing.Commands.note;
import static dev.escalator.testing.Commands.reassign;
import static dev.escalator.testing.Commands.reopen;
import static dev.escalator.testing.Commands.resolve;
import static dev.escalator.testing.Commands.snooze;
import static dev.escalator.testing.Commands.stepDue;
import static dev.escalator.testing.Commands.up;
import static dev.escalator.testing.Commands.upTo;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.dave;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Fixtures.stranger;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.effectStory;
import static dev.escalator.testing.Outcomes.eventStory;
import static dev.escalator.testing.Outcomes.newEvents;
import static dev.escalator.testing.Outcomes.refused;
import static dev.escalator.testing.Outcomes.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every status × command of the payments path (levels: 1 the rotation, alice on call; 2 bob and carol; 3 alice;
 * repeat 1; re-escalation 2h after an acknowledgement; fallback C0LEADS). States are written {@code STATUS level
 * [rRound]}; commands as typed, by bob (on the path) a minute after the state began, except {@code step}: the
 * scheduler's StepDue at the escalation's next step.
 */
class TransitionTableTest {
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @ParameterizedTest(name = "{0} + {1} -> {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # from         | command               | to               | new timeline entries                                    | effects
            OPEN 1         | ack                   | ACKNOWLEDGED 1   | Acknowledged                                            | Announce, RefreshRoot, RefreshDMs
            OPEN 1         | resolve               | RESOLVED 1       | Resolved                                                | Announce, RefreshRoot, RefreshDMs
            OPEN 1         | up                    | OPEN 2           | Escalated 1→2 MANUAL; Tagged 2 [bob, carol]             | Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            OPEN 1         | up to:3               | OPEN 3           | Escalated 1→3 MANUAL; Tagged 3 [alice]                  | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            OPEN 1         | decline               | OPEN 2           | Declined; Escalated 1→2 DECLINED; Tagged 2 [bob, carol] | Announce, Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            OPEN 1         | reassign dave         | OPEN 1           | Reassigned dave; Tagged 1 [dave]                        | Announce, Announce, RefreshRoot, RefreshDMs, DM dave/Slack
            OPEN 1         | snooze                | SNOOZED 1        | Snoozed                                                 | Announce, RefreshRoot, RefreshDMs
            OPEN 1         | note rolled back      | OPEN 1           | Noted                                                   | Announce
            OPEN 1         | step                  | OPEN 2           | Escalated 1→2 TIMEOUT; Tagged 2 [bob, carol]            | Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            OPEN 3         | step                  | OPEN 1 r1        | Escalated 3→1 TIMEOUT; Tagged 1 [alice]                 | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            OPEN 3 r1      | step                  | EXHAUSTED 3 r1   | Exhausted C0LEADS                                       | Announce, AlertFallback C0LEADS, RefreshRoot, RefreshDMs
            OPEN 3         | up                    | OPEN 1 r1        | Escalated 3→1 MANUAL; Tagged 1 [alice]                  | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            OPEN 3 r1      | up                    | EXHAUSTED 3 r1   | Exhausted C0LEADS                                       | Announce, AlertFallback C0LEADS, RefreshRoot, RefreshDMs
            OPEN 3 r1      | decline               | EXHAUSTED 3 r1   | Declined; Exhausted C0LEADS                             | Announce, Announce, AlertFallback C0LEADS, RefreshRoot, RefreshDMs
            ACKNOWLEDGED 2 | resolve               | RESOLVED 2       | Resolved                                                | Announce, RefreshRoot, RefreshDMs
            ACKNOWLEDGED 2 | up                    | OPEN 3           | Escalated 2→3 MANUAL; Tagged 3 [alice]                  | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            ACKNOWLEDGED 2 | up to:1               | OPEN 1           | Escalated 2→1 MANUAL; Tagged 1 [alice]                  | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            ACKNOWLEDGED 2 | up to:2               | OPEN 2           | Escalated 2→2 MANUAL; Tagged 2 [bob, carol]             | Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            ACKNOWLEDGED 2 | decline               | ACKNOWLEDGED 2   | Declined                                                | Announce
            ACKNOWLEDGED 2 | reassign dave         | OPEN 2           | Reassigned dave; Tagged 2 [dave]                        | Announce, Announce, RefreshRoot, RefreshDMs, DM dave/Slack
            ACKNOWLEDGED 2 | snooze                | SNOOZED 2        | Snoozed                                                 | Announce, RefreshRoot, RefreshDMs
            ACKNOWLEDGED 2 | note rolled back      | ACKNOWLEDGED 2   | Noted                                                   | Announce
            ACKNOWLEDGED 2 | step                  | OPEN 2           | Escalated 2→2 ACK_EXPIRED; Tagged 2 [bob, carol]        | Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            SNOOZED 2      | ack                   | ACKNOWLEDGED 2   | Acknowledged                                            | Announce, RefreshRoot, RefreshDMs
            SNOOZED 2      | resolve               | RESOLVED 2       | Resolved                                                | Announce, RefreshRoot, RefreshDMs
            SNOOZED 2      | up                    | OPEN 3           | Escalated 2→3 MANUAL; Tagged 3 [alice]                  | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            SNOOZED 2      | decline               | SNOOZED 2        | Declined                                                | Announce
            SNOOZED 2      | snooze                | SNOOZED 2        | Snoozed                                                 | Announce, RefreshRoot, RefreshDMs
            SNOOZED 2      | step                  | OPEN 2           | Escalated 2→2 SNOOZE_ENDED; Tagged 2 [bob, carol]       | Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            EXHAUSTED 3 r1 | ack                   | ACKNOWLEDGED 3 r1| Acknowledged                                            | Announce, RefreshRoot, RefreshDMs
            EXHAUSTED 3 r1 | resolve               | RESOLVED 3 r1    | Resolved                                                | Announce, RefreshRoot, RefreshDMs
            EXHAUSTED 3 r1 | up                    | OPEN 1           | Escalated 3→1 MANUAL; Tagged 1 [alice]                  | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            EXHAUSTED 3 r1 | up to:2               | OPEN 2           | Escalated 3→2 MANUAL; Tagged 2 [bob, carol]             | Announce, Announce, RefreshRoot, RefreshDMs, DM bob/Slack, DM carol/Discord
            EXHAUSTED 3 r1 | decline               | EXHAUSTED 3 r1   | Declined                                                | Announce
            EXHAUSTED 3 r1 | reassign dave         | OPEN 3 r1        | Reassigned dave; Tagged 3 [dave]                        | Announce, Announce, RefreshRoot, RefreshDMs, DM dave/Slack
            EXHAUSTED 3 r1 | snooze                | SNOOZED 3 r1     | Snoozed                                                 | Announce, RefreshRoot, RefreshDMs
            EXHAUSTED 3 r1 | step                  | EXHAUSTED 3 r1   | Reminder                                                | Announce
            RESOLVED 2     | reopen                | OPEN 1           | Reopened; Tagged 1 [alice]                              | Announce, Announce, RefreshRoot, RefreshDMs, DM alice/Slack, DM alice/Discord
            RESOLVED 2     | note rolled back      | RESOLVED 2       | Noted                                                   | Announce
            """)
    void legalTransition(String from, String command, String to, String entries, String effects) {
        Escalation before = escalation(from);

        var outcome = applied(transitions.decide(before, command(command, bob()), when(before, command)));

        Escalation after = outcome.escalation();
        assertThat(state(after)).isEqualTo(to);
        assertThat(eventStory(newEvents(before, after))).isEqualTo(entries);
        assertThat(effectStory(outcome.effects())).isEqualTo(effects);
    }

    @ParameterizedTest(name = "{0} + {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # from         | command         | problem      | the answer says
            RESOLVED 2     | ack             | WRONG_STATUS | ESC-1 is resolved; `reopen ESC-1` first
            ACKNOWLEDGED 2 | ack             | ALREADY_DONE | ESC-1 is already acknowledged by bob
            RESOLVED 2     | resolve         | ALREADY_DONE | ESC-1 is already resolved
            RESOLVED 2     | up              | WRONG_STATUS | `reopen ESC-1` first
            RESOLVED 2     | up to:3         | WRONG_STATUS | `reopen ESC-1` first
            RESOLVED 2     | decline         | WRONG_STATUS | ESC-1 is resolved
            RESOLVED 2     | reassign dave   | WRONG_STATUS | `reopen ESC-1` first
            RESOLVED 2     | snooze          | WRONG_STATUS | ESC-1 is resolved
            OPEN 1         | reopen          | WRONG_STATUS | ESC-1 is open, not resolved
            ACKNOWLEDGED 2 | reopen          | WRONG_STATUS | ESC-1 is acknowledged, not resolved
            EXHAUSTED 3 r1 | reopen          | WRONG_STATUS | ESC-1 is exhausted, not resolved
            OPEN 1         | up to:4         | BAD_ARGUMENT | `payments` path has levels 1 to 3; there is no level 4
            OPEN 1         | up to:0         | BAD_ARGUMENT | there is no level 0
            OPEN 2         | up to:2         | ALREADY_DONE | ESC-1 is already at level 2
            OPEN 1         | snooze PT0S     | BAD_ARGUMENT | between 1s and 30d
            OPEN 1         | snooze -PT5M    | BAD_ARGUMENT | between 1s and 30d
            OPEN 1         | snooze P31D     | BAD_ARGUMENT | between 1s and 30d
            OPEN 1         | note            | BAD_ARGUMENT | A note needs some text
            OPEN 1         | 'note    '      | BAD_ARGUMENT | A note needs some text
            OPEN 1         | reassign zed    | UNKNOWN      | no person `zed` in the configuration (known: alice, bob, carol, dave)
            OPEN 1         | step            | NOT_DUE      | Nothing is due for ESC-1 before 2024-06-03T10:05:00Z
            ACKNOWLEDGED 2 | step            | NOT_DUE      | Nothing is due for ESC-1 before 2024-06-03T12:00:00Z
            RESOLVED 2     | step            | NOT_DUE      | ESC-1 is resolved
            """)
    void illegalCommandChangesNothingAndSaysWhy(String from, String command, Problem.Kind kind, String answer) {
        Escalation before = escalation(from);

        var problem = rejected(transitions.decide(before, command(command, bob()), T0.plus(Duration.ofMinutes(1))));

        assertThat(problem.kind()).isEqualTo(kind);
        assertThat(problem.message()).contains(answer);
    }

    @ParameterizedTest(name = "{1} by {0} on {2} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            # who      | command       | on
            dave       | ack           | OPEN 1
            dave       | resolve       | OPEN 1
            dave       | up            | OPEN 1
            dave       | up to:3       | OPEN 1
            dave       | decline       | OPEN 1
            dave       | reassign dave | OPEN 1
            dave       | snooze        | OPEN 1
            dave       | ack           | ACKNOWLEDGED 2
            dave       | reopen        | RESOLVED 2
            dave       | resolve       | RESOLVED 2
            stranger   | ack           | OPEN 1
            stranger   | resolve       | OPEN 1
            stranger   | up            | OPEN 1
            stranger   | decline       | OPEN 1
            stranger   | reassign dave | OPEN 1
            stranger   | snooze        | SNOOZED 2
            stranger   | reopen        | RESOLVED 2
            """)
    void actionBySomeoneOffThePathIsRefusedAndRecorded(String who, String command, String on) {
        Escalation before = escalation(on);
        var actor = who.equals("dave") ? dave() : stranger();

        var outcome = refused(transitions.decide(before, command(command, actor), T0.plus(Duration.ofMinutes(1))));

        assertThat(outcome.escalation().version()).isEqualTo(before.version() + 1);
        assertThat(newEvents(before, outcome.escalation()))
                .containsExactly(new Event.Refused(outcome.action(), outcome.reason()));
        assertThat(state(outcome.escalation())).isEqualTo(on);
        assertThat(outcome.reason())
                .contains("`payments` path", outcome.action().verb(), "ESC-1");
    }

    /** {@code "ACKNOWLEDGED 2 r1"}: status, level and (when not 0) round. */
    private static Escalation escalation(String state) {
        String[] words = state.split(" ");
        var builder = anEscalation().withStatus(Status.valueOf(words[0])).atLevel(Integer.parseInt(words[1]));
        if (words.length > 2) {
            builder.inRound(Integer.parseInt(words[2].substring(1)));
        }
        return builder.build();
    }

    private static String state(Escalation e) {
        return e.status() + " " + e.level() + (e.round() == 0 ? "" : " r" + e.round());
    }

    /** A command as typed ({@code up to:3}, {@code reassign dave}, {@code snooze PT30M}), or the scheduler's step. */
    private static Command command(String text, Actor.User by) {
        String[] words = text.split(" ", 2);
        String argument = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case "ack" -> ack(by);
            case "resolve" -> resolve(by);
            case "up" -> argument.isEmpty() ? up(by) : upTo(by, Integer.parseInt(argument.substring("to:".length())));
            case "decline" -> decline(by);
            case "reassign" -> reassign(by, new PersonId(argument));
            case "snooze" -> snooze(by, argument.isEmpty() ? Duration.ofMinutes(30) : Duration.parse(argument));
            case "note" -> note(by, argument);
            case "reopen" -> reopen(by);
            case "step" -> stepDue();
            default -> throw new IllegalArgumentException("no command " + text);
        };
    }

    /** A minute after the state began, or, for the scheduler's step, when the escalation said its next step is. */
    private static Instant when(Escalation before, String command) {
        return command.equals("step") ? before.nextStepAt().orElseThrow() : T0.plus(Duration.ofMinutes(1));
    }
}
