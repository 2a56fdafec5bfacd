package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.CHANNEL;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.RecordedActions;
import dev.escalator.core.Cause;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.Event;
import dev.escalator.core.Inbox;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.testing.Eventually;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People's actions are stored before Slack hears 2xx (SPEC §8, STYLE habit 21): a reaction or a button press as its
 * effect, stored with its key, a command in the inbox. A retry of an event whose effect failed carries it out, one
 * whose effect is stored does nothing, and a store that hangs gets an honest "try again" within 3 s, after which trying
 * again is safe.
 */
class RecordingActionsOnSlackTest {
    static final EscalationId ESC_1 = new EscalationId(1);

    final SlackWorld world;
    String root;

    RecordingActionsOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @BeforeEach
    void openOne() {
        root = world.openOne();
    }

    @AfterEach
    void stop() throws Exception {
        world.storeLink.restore();
        world.close();
    }

    @Test
    void aRetryOfAnEventWhoseEffectFailedCarriesItOut() {
        // what a first delivery leaves when its effect failed: the action recorded and let go of, nothing stored
        var bob = new ChatUser(Platform.SLACK, BOB);
        var entry = world.assembled
                .actions()
                .reaction("slack:Ev0FAILED", bob, new ChannelRef(Platform.SLACK, CHANNEL), root, "eyes");
        Inbox inbox = world.stores.inbox();
        assertThat(inbox.record(entry, "a-replica-whose-write-failed", world.clock.instant()))
                .isEqualTo(Inbox.Recorded.NEW);
        assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);

        var retry = world.reaction(
                BOB, root, "eyes", "Ev0FAILED", Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "timeout"));
        world.settle();

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);

        // the retry carried it out before its answer, without a look in the inbox: the entry left there is the job's,
        // which carries it out again, changing nothing, and marks it done
        world.assembled.recordedActions().runOnce();
        world.settle();

        assertThat(inbox.unclaimed(world.clock.instant().plus(Duration.ofDays(1)), 10))
                .as("done: nothing left to take over")
                .isEmpty();
        assertThat(world.escalation(1).timeline())
                .filteredOn(timelineEntry -> timelineEntry.event() instanceof Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void anActionAnotherLiveReplicaHoldsIsLeftToItUntilItsLeaseLapsesThenCarriedOutOnce() {
        // what another replica leaves while it carries out a reaction it just recorded: the action, held for 30 s
        var bob = new ChatUser(Platform.SLACK, BOB);
        var entry = world.assembled
                .actions()
                .reaction("slack:Ev0HELD", bob, new ChannelRef(Platform.SLACK, CHANNEL), root, "eyes");
        Duration lease = Duration.ofSeconds(30);
        assertThat(world.stores
                        .inbox()
                        .record(entry, "a-live-replica", world.clock.instant().plus(lease)))
                .isEqualTo(Inbox.Recorded.NEW);

        world.assembled.recordedActions().runOnce();

        assertThat(world.escalation(1).status())
                .as("not taken from the replica that holds it")
                .isEqualTo(Status.OPEN);

        world.clock.advance(lease.plusSeconds(1));
        world.assembled.recordedActions().runOnce();

        assertThat(world.escalation(1).status())
                .as("carried out once its holder's lease lapsed, as if it died")
                .isEqualTo(Status.ACKNOWLEDGED);
        assertThat(world.escalation(1).timeline())
                .filteredOn(timelineEntry -> timelineEntry.event() instanceof Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void aRetryOfAnEventWhoseEffectIsStoredDoesNothingEvenAfterItsRecordWasTakenOver() {
        world.reaction(BOB, root, "eyes", "Ev0DONE", Map.of());
        world.settle();
        world.assembled.recordedActions().runOnce();

        var retry = world.reaction(BOB, root, "eyes", "Ev0DONE", Map.of("X-Slack-Retry-Num", "2"));
        world.settle();

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void aReactionTheHangingStoreDidNotRecordInTimeIsAnswered503AndSlacksRetryActsOnce() {
        world.storeLink.hang();

        long started = System.nanoTime();
        var first = world.reaction(BOB, root, "eyes", "Ev0HUNG", Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first.statusCode()).as("not 2xx, so Slack retries").isEqualTo(503);
        assertThat(took).isLessThan(Duration.ofSeconds(3));

        world.storeLink.restore();
        // the acknowledgement may go through after all (the store only stopped answering), stored with the event's key;
        // Slack retries after a minute or so: the retry must act, and not twice
        world.clock.advance(Duration.ofSeconds(40));
        var retry = world.reaction(BOB, root, "eyes", "Ev0HUNG", Map.of("X-Slack-Retry-Num", "1"));
        world.settle();
        Eventually.holds("the acknowledgement stored", () -> {
            world.assembled.recordedActions().runOnce();
            world.settle();
            return world.escalation(1).status() == Status.ACKNOWLEDGED;
        });
        world.assembled.recordedActions().runOnce();
        world.settle();

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void aReactionWhoseWriteLandsAfterTheBudgetIsStoredOnceAndSlacksRetryChangesNothing() {
        world.storeLink.hang();
        var first = world.reaction(BOB, root, "eyes", "Ev0LATE", Map.of());
        assertThat(first.statusCode()).isEqualTo(503);

        world.storeLink.restore();
        // the reaction was carried out, not recorded: the write given up on lands late, the acknowledgement with its
        // key, and no time passes on the bot's clock
        Eventually.holds(
                "the late acknowledgement stored", () -> world.escalation(1).status() == Status.ACKNOWLEDGED);
        var retry = world.reaction(BOB, root, "eyes", "Ev0LATE", Map.of("X-Slack-Retry-Num", "1"));
        world.settle();
        world.deliver();

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
        assertThat(world.api.calls("chat.postMessage").stream()
                        .filter(call -> call.params().containsKey("thread_ts"))
                        .filter(call -> call.text().contains("acknowledged"))
                        .count())
                .as("one thread post for the reaction and its retry")
                .isEqualTo(1);
        assertThat(world.stores.inbox().unclaimed(world.clock.instant().plus(Duration.ofDays(1)), 10))
                .as("nothing written to the inbox")
                .isEmpty();
    }

    @Test
    void aCommandTheHangingStoreDidNotRecordInTimeSaysSoWithin3SecondsAndTypingItAgainOpensOne() {
        world.storeLink.hang();

        long started = System.nanoTime();
        var answer = world.command(REPORTER, "Refunds are stuck");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(text(answer))
                .isEqualTo(RecordedActions.NOT_RECORDED)
                .contains("may have been recorded")
                .contains("try again");

        world.storeLink.restore();
        world.clock.advance(Duration.ofSeconds(40));
        var again = world.command(REPORTER, "Refunds are stuck");
        String retyped = world.lastResponseUrl();
        world.settle();
        Eventually.holds("ESC-2 opened", () -> {
            world.assembled.recordedActions().runOnce();
            world.settle();
            return world.stores.escalations().find(new EscalationId(2)).isPresent();
        });

        assertThat(again.statusCode()).isEqualTo(200);
        String said = text(again).isEmpty() ? world.api.awaitAnswerTo(retyped).text() : text(again);
        assertThat(said).containsAnyOf("Opened ESC-2", "carried out", "handled it then");
        assertThat(world.stores.escalations().find(EscalationQuery.unresolved(10)))
                .as("ESC-1 from before, and one escalation for the two tries")
                .hasSize(2);
    }

    @Test
    void pressingEscalateAgainAfterTryAgainEscalatesOneLevelAndALaterPressAnother() {
        world.storeLink.hang();

        long started = System.nanoTime();
        var first = world.press(BOB, "escalator_up", ESC_1, "1700000400.000001");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(world.api.awaitAnswerTo(world.lastResponseUrl()).text())
                .contains("may have been recorded", "try again", "trying again is safe");

        world.storeLink.restore();
        // the first press reached the store after all: carried out late, its escalation stored with its key
        Eventually.holds("the late press stored", () -> world.escalation(1).level() == 2);
        // pressing again is a new click, with its own action_ts
        var again = world.press(BOB, "escalator_up", ESC_1, "1700000460.000001");
        world.settle();
        world.assembled.recordedActions().runOnce();
        world.settle();

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1).level()).as("one level up, not two").isEqualTo(2);
        assertThat(manualEscalations()).isEqualTo(1);
        assertThat(world.stores.inbox().unclaimed(world.clock.instant().plus(Duration.ofDays(1)), 10))
                .as("nothing left in the inbox")
                .isEmpty();

        // minutes later the same person presses it again on purpose: that is a new action
        world.clock.advance(Duration.ofMinutes(3));
        world.press(BOB, "escalator_up", ESC_1, "1700000640.000001");
        world.settle();

        assertThat(world.escalation(1).level()).isEqualTo(3);
        assertThat(manualEscalations()).isEqualTo(2);
    }

    private long manualEscalations() {
        return world.escalation(1).timeline().stream()
                .filter(entry ->
                        entry.event() instanceof Event.Escalated escalated && escalated.cause() == Cause.MANUAL)
                .count();
    }
}
