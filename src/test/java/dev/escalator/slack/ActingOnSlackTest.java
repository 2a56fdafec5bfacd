package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Status;
import dev.escalator.testing.FakeSlackApi;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only Slack does with people's actions: confirmations by ephemeral message, reactions on thread posts, clicks
 * and events delivered twice, the bot's own reactions. What every platform does is in the scenario suite
 * ({@code dev.escalator.scenario}), run on Slack and on Discord.
 */
class ActingOnSlackTest {
    static final EscalationId ESC_1 = new EscalationId(1);

    final SlackWorld world;
    String root;

    ActingOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @BeforeEach
    void openOne() {
        root = world.openOne();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
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
        String firstDelivery = world.lastResponseUrl();
        world.press(BOB, "escalator_ack", ESC_1, "1700000200.000001");
        String secondDelivery = world.lastResponseUrl();
        world.settle();

        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
        // the answers to this click only: the setup's /escalate, past its 2.5 s answer budget on a loaded machine,
        // is answered through its own response_url, at any time
        var answers = Stream.of(firstDelivery, secondDelivery)
                .flatMap(url -> world.api.answersTo(url).stream())
                .toList();
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
}
