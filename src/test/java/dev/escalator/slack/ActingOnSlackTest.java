package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.ALICE;
import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.STRANGER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What people do to an open escalation on Slack, and what the bot does when nobody does anything. */
class ActingOnSlackTest {
    static final EscalationId ESC_1 = new EscalationId(1);

    final SlackWorld world;
    String root;

    ActingOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @BeforeEach
    void openOne() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        root = world.api.await("chat.postMessage").ts();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void whenNobodyAcknowledgesInTimeLevelTwoIsTaggedInTheThread() {
        world.advance(Duration.ofMinutes(5));

        var tag = world.api.await("chat.postMessage", call -> call.text().contains("level 2/3"));
        assertThat(tag.param("thread_ts")).isEqualTo(root);
        assertThat(tag.text()).contains("<@" + BOB + ">").contains("carol (no Slack account)");
        assertThat(world.escalation(1).level()).isEqualTo(2);
    }

    @Test
    void aReactionBySomeoneOnThePathAcknowledgesAndTheRootShowsIt() {
        var answer = world.reaction(BOB, root, "eyes");

        assertThat(answer.statusCode()).isEqualTo(200);
        world.settle();
        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
        var told = world.api.await("chat.postEphemeral");
        assertThat(told.param("user")).isEqualTo(BOB);

        world.deliver();
        var update = world.api.await("chat.update");
        assertThat(update.param("ts")).isEqualTo(root);
        assertThat(update.blocks()).contains("acknowledged by <@" + BOB + ">");
    }

    @Test
    void aReactionOnTheTagInTheThreadActsLikeOneOnTheRoot() {
        String tag = world.api
                .await("chat.postMessage", call -> call.text().contains("level 1/3"))
                .ts();

        world.reaction(BOB, tag, "eyes");
        world.settle();

        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void aButtonAcknowledgesAndADoubleDeliveredClickHasOneEffect() {
        world.press(BOB, "escalator_ack", ESC_1, "1700000200.000001");
        world.press(BOB, "escalator_ack", ESC_1, "1700000200.000001");
        world.settle();

        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
        var answers = world.api.calls(FakeSlackApi.RESPONSE_URL);
        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().param("response_type")).isEqualTo("ephemeral");
        assertThat(answers.getFirst().param("replace_original")).isEqualTo("false");
    }

    @Test
    void aRetriedEventHasOneEffect() {
        world.reaction(BOB, root, "eyes", "Ev0RETRIED", Map.of());
        world.settle();
        var retry = world.reaction(
                BOB, root, "eyes", "Ev0RETRIED", Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "timeout"));
        world.settle();

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
        assertThat(world.api.calls("chat.postEphemeral")).hasSize(1);
    }

    @Test
    void theBotsOwnReactionsAreIgnored() {
        var before = world.escalation(1);

        var answer = world.reaction(FakeSlackApi.BOT_USER_ID, root, "white_check_mark");
        world.settle();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(world.escalation(1)).isEqualTo(before);
        assertThat(world.api.calls("chat.postEphemeral")).isEmpty();
    }

    @Test
    void someoneOffThePathIsRefusedPrivatelyAndNothingElseChanges() {
        var before = world.escalation(1);

        world.reaction(STRANGER, root, "white_check_mark");
        world.settle();

        var told = world.api.await("chat.postEphemeral");
        assertThat(told.param("user")).isEqualTo(STRANGER);
        assertThat(told.text()).startsWith("Sorry");
        var after = world.escalation(1);
        assertThat(after.timeline().getLast().event()).isInstanceOf(Event.Refused.class);
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.level()).isEqualTo(before.level());
        assertThat(after.tagged()).isEqualTo(before.tagged());
    }

    @Test
    void resolvingByCommandAnswersPrivatelyAndTakesTheButtonsOffTheRoot() {
        var answer = world.command(BOB, "resolve ESC-1 rolled back the deploy");

        assertThat(text(answer)).contains("resolved").contains("ESC-1");
        assertThat(world.escalation(1).status()).isEqualTo(Status.RESOLVED);
        world.deliver();
        var update = world.api.await("chat.update");
        assertThat(update.blocks()).doesNotContain("escalator_ack");
        world.api.await("chat.postMessage", call -> call.text().contains("rolled back the deploy"));
    }

    @Test
    void reassignTakesTheMentionAsSlackSendsItWithEscapingOn() {
        // the manifest registers /escalate with should_escape: true, so "@alice" arrives as <@U0ALICE|alice>
        var answer = world.command(BOB, "reassign ESC-1 <@" + ALICE + "|alice>");

        assertThat(text(answer)).contains("ESC-1");
        assertThat(world.escalation(1).tagged()).extracting(PersonId::value).containsExactly("alice");
        world.deliver();
        world.api.await("chat.postMessage", call -> call.text().contains("<@" + ALICE + ">"));
    }

    @Test
    void statusListStatsAndTimelineAreAnsweredPrivately() {
        var status = world.command(ALICE, "status ESC-1");
        var list = world.command(ALICE, "list");
        var stats = world.command(ALICE, "stats");
        var timeline = world.command(ALICE, "timeline ESC-1");

        assertThat(status.body()).contains("\"response_type\":\"ephemeral\"");
        assertThat(text(status)).contains("ESC-1").contains("Tagged: <@" + BOB + ">");
        assertThat(text(list)).contains("ESC-1").contains("Checkout is failing");
        assertThat(text(stats)).contains("`payments`: 1 escalation");
        assertThat(text(timeline)).contains("opened ESC-1").contains("level 1/3");
        assertThat(world.escalation(1).timeline())
                .extracting(TimelineEntry::event)
                .hasSize(2);
    }
}
