package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.CHANNEL;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opening an escalation from Slack, by text and by form, as a user sees it. */
class OpeningOnSlackTest {
    final SlackWorld world;

    OpeningOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void openingByTextAnswersPrivatelyPostsTheRootWithButtonsAndTagsLevelOneInItsThread() {
        var answer = world.command(REPORTER, "Checkout is failing sev:2");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"response_type\":\"ephemeral\"").contains("Opened ESC-1");

        world.deliver();

        var root = world.api.await("chat.postMessage", call -> !call.params().containsKey("thread_ts"));
        assertThat(root.param("channel")).isEqualTo(CHANNEL);
        assertThat(root.text()).contains("ESC-1").contains("sev2").contains("Checkout is failing");
        assertThat(root.blocks())
                .contains("\"action_id\":\"escalator_ack\"")
                .contains("\"action_id\":\"escalator_resolve\"")
                .contains("\"action_id\":\"escalator_up\"")
                .contains("\"value\":\"1\"");
        var thread = world.api.calls("chat.postMessage").stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .toList();
        assertThat(thread).isNotEmpty();
        assertThat(thread)
                .allSatisfy(call -> assertThat(call.param("thread_ts")).isEqualTo(root.ts()));
        assertThat(thread.getFirst().text()).contains("No brief given");
        assertThat(thread)
                .anySatisfy(call ->
                        assertThat(call.text()).contains("<@" + BOB + ">").contains("level 1/3"));
        assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);
    }

    /**
     * {@code /escalate} works in a direct conversation too, but nobody tagged could see a thread there (and in a
     * conversation between two people the bot cannot post at all): an escalation opened from one lives in its path's
     * channel.
     */
    @Test
    void openingFromADirectMessagePostsTheEscalationInThePathsChannel() {
        var answer = world.command(BOB, "D0BOB", "Checkout is failing path:payments");

        assertThat(SlackWorld.text(answer)).contains("Opened ESC-1", "<#" + CHANNEL + ">");
        world.deliver();
        assertThat(world.escalation(1).home().channelId()).isEqualTo(CHANNEL);
        var root = world.api.await("chat.postMessage", call -> !call.params().containsKey("thread_ts"));
        assertThat(root.param("channel")).isEqualTo(CHANNEL);
    }

    @Test
    void openingFromADirectMessageWithoutAPathSaysToNameOne() {
        var answer = world.command(BOB, "D0BOB", "Checkout is failing");

        assertThat(SlackWorld.text(answer))
                .contains("direct message", "path:NAME", "payments")
                .doesNotContain("This channel");
        assertThat(world.api.calls("chat.postMessage")).isEmpty();
    }

    /** The world is {@code main}'s wiring: what the bot counts shows on its {@code /metrics} as it would in production. */
    @Test
    void anOpeningItsPostsAndItsFirstStepShowOnTheBotsMetrics() {
        world.command(REPORTER, "Checkout is failing sev:2");
        world.deliver();
        world.advance(Duration.ofMinutes(5));

        assertThat(world.metrics())
                .contains("escalator_escalations_opened_total{path=\"payments\",severity=\"2\"} 1.0")
                .contains("escalator_open_escalations 1.0")
                .contains("escalator_step_lateness_seconds_count 1")
                .contains("escalator_chat_calls_total{call=\"post_root\",outcome=\"ok\",platform=\"slack\"} 1.0")
                .contains("escalator_store_calls_seconds_count{kind=\"write\"}");
    }

    @Test
    void anEmptyCommandOpensTheFormAndItsSubmissionOpensTheEscalation() {
        var answer = world.command(REPORTER, "");

        assertThat(answer.statusCode()).isEqualTo(200);
        var opened = world.api.await("views.open");
        assertThat(opened.param("trigger_id")).startsWith("trigger-");
        assertThat(opened.param("view"))
                .contains("\"callback_id\":\"escalator_open\"")
                .contains("\"private_metadata\":\"" + CHANNEL + "\"")
                .contains("\"block_id\":\"severity\"")
                .contains("\"block_id\":\"path\"");

        var submitted = world.submitForm(
                REPORTER,
                Map.of(
                        EscalationForm.TITLE, "Refunds stuck",
                        EscalationForm.IMPACT, "Customers wait for their money",
                        EscalationForm.SEVERITY, "2",
                        EscalationForm.PATH, "payments"));

        assertThat(submitted.statusCode()).isEqualTo(200);
        var told = world.api.await("chat.postEphemeral");
        assertThat(told.param("user")).isEqualTo(REPORTER);
        assertThat(told.param("channel")).isEqualTo(CHANNEL);
        assertThat(told.text()).contains("Opened ESC-1");
        assertThat(world.escalation(1).title()).isEqualTo("Refunds stuck");
        assertThat(world.escalation(1).severity().value()).isEqualTo(2);

        world.deliver();
        world.api.await("chat.postMessage", call -> call.text().contains("Customers wait for their money"));
    }

    @Test
    void aFormWithAnUnusableDecisionTimeStaysOpenWithTheReasonNextToTheField() {
        var submitted = world.submitForm(
                REPORTER, Map.of(EscalationForm.TITLE, "Refunds stuck", EscalationForm.DECISION_BY, "after lunch"));

        assertThat(submitted.statusCode()).isEqualTo(200);
        var answer = JsonParser.parseString(submitted.body()).getAsJsonObject();
        assertThat(answer.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(answer.getAsJsonObject("errors")
                        .get(EscalationForm.DECISION_BY)
                        .getAsString())
                .contains("4h");
        world.settle();
        assertThat(world.stores.escalations().find(new EscalationId(1))).isEmpty();
    }
}
