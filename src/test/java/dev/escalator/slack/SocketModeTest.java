package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.CHANNEL;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.escalator.core.Status;
import dev.escalator.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack over Socket Mode: the same app, fed envelopes over a WebSocket, acknowledging each one. */
class SocketModeTest {
    final FakeSocketMode socket;
    final SlackWorld world;

    SocketModeTest() throws Exception {
        socket = new FakeSocketMode();
        world = SlackWorld.overSocketMode(socket.url());
    }

    @AfterEach
    void stop() throws Exception {
        world.storeLink.restore();
        world.close();
        socket.close();
    }

    @Test
    void aCommandEnvelopeIsAcknowledgedWithItsAnswerAndAReactionEnvelopeActs() {
        socket.send("env-1", "slash_commands", """
                {"token":"legacy","team_id":"T0TEAM","channel_id":"%s","user_id":"%s","command":"/escalate",
                 "text":"Checkout is failing","response_url":"%s","trigger_id":"trigger-1"}
                """.formatted(CHANNEL, REPORTER, world.api.responseUrl("socket-1")));

        var ack = socket.awaitAck("env-1");
        assertThat(ack.getAsJsonObject("payload").get("text").getAsString()).contains("Opened ESC-1");
        assertThat(world.bot.readiness().ready()).isTrue();

        world.deliver();
        String root = world.api.await("chat.postMessage").ts();
        socket.send("env-2", "events_api", """
                {"token":"legacy","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"Ev0SOCKET",
                 "event_time":1700000100,"event":{"type":"reaction_added","user":"%s","reaction":"eyes",
                 "item":{"type":"message","channel":"%s","ts":"%s"},"event_ts":"1700000100.000100"}}
                """.formatted(BOB, CHANNEL, root));

        socket.awaitAck("env-2");
        world.settle();
        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void aReactionEnvelopeTheHangingStoreDidNotRecordIsNotAcknowledgedAndSlacksRedeliveryActsOnce()
            throws InterruptedException {
        socket.send("env-1", "slash_commands", """
                {"token":"legacy","team_id":"T0TEAM","channel_id":"%s","user_id":"%s","command":"/escalate",
                 "text":"Checkout is failing","response_url":"%s","trigger_id":"trigger-1"}
                """.formatted(CHANNEL, REPORTER, world.api.responseUrl("socket-1")));
        socket.awaitAck("env-1");
        world.deliver();
        String root = world.api.await("chat.postMessage").ts();
        String reaction = """
                {"token":"legacy","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"Ev0HUNG",
                 "event_time":1700000100,"event":{"type":"reaction_added","user":"%s","reaction":"eyes",
                 "item":{"type":"message","channel":"%s","ts":"%s"},"event_ts":"1700000100.000100"}}
                """.formatted(BOB, CHANNEL, root);
        world.storeLink.hang();

        socket.send("env-2", "events_api", reaction);
        // past the 2 s the bot gives the store, with room to spare: no acknowledgement came
        Thread.sleep(Duration.ofSeconds(4));
        assertThat(socket.acknowledged("env-2"))
                .as("not acknowledged, so Slack sends it again")
                .isFalse();

        world.storeLink.restore();
        socket.send("env-3", "events_api", reaction);
        socket.awaitAck("env-3");
        // the hung write (the acknowledgement and its key) may land late, before the redelivery: then the redelivery
        // changes nothing; if the store failed instead, the inbox job (a loop in the bot, a call here) carries it out
        Eventually.holds("the acknowledgement stored", () -> {
            world.assembled.recordedActions().runOnce();
            world.settle();
            return world.escalation(1).status() == Status.ACKNOWLEDGED;
        });
        world.assembled.recordedActions().runOnce();
        world.settle();

        assertThat(socket.acknowledged("env-2")).isFalse();
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof dev.escalator.core.Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void closingTheBotClosesTheSocket() throws Exception {
        socket.send("env-1", "events_api", """
                {"type":"event_callback","event_id":"Ev0OTHER","event":{"type":"reaction_added","user":"%s",
                 "reaction":"tada","item":{"type":"message","channel":"%s","ts":"1.000001"}}}
                """.formatted(BOB, CHANNEL));
        socket.awaitAck("env-1");

        world.bot.close();

        socket.awaitDisconnect();
    }

    @Test
    void slackOutOfReachAtStartOpensTheSocketOnceSlackAnswers() throws Exception {
        try (var other = new FakeSocketMode();
                var late = SlackWorld.overSocketMode(
                        other.url(), fake -> fake.failTimes("auth.test", 3, 503, "upstream unavailable"))) {
            assertThat(late.bot.readiness().ready()).as("not signed in yet").isFalse();

            Eventually.holds(
                    "signed in and connected",
                    Duration.ofSeconds(30),
                    () -> late.bot.readiness().ready());
            assertThat(late.api.calls("auth.test (503)")).hasSize(3);
            assertThat(late.api.calls("apps.connections.open")).isNotEmpty();
        }
    }

    @Test
    void aBotTokenSlackRefusesStopsTheStartWithAReason() throws Exception {
        try (var other = new FakeSocketMode()) {
            var failure = catchThrowable(() -> SlackWorld.overSocketMode(
                    other.url(), fake -> fake.failOnce("auth.test", 200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));

            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Slack refused the bot token")
                    .hasMessageContaining("invalid_auth");
        }
    }

    @Test
    void anAppTokenSlackRefusesStopsTheStartWithAReason() throws Exception {
        try (var other = new FakeSocketMode()) {
            var failure = catchThrowable(() -> SlackWorld.overSocketMode(
                    other.url(),
                    fake -> fake.failOnce("apps.connections.open", 200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));

            assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("Slack did not start");
        }
    }
}
