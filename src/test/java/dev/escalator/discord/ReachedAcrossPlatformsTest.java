package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.core.Action;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.Transitions;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.StoreConnection;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11, one person, one identity, both platforms: an escalation on Slack whose level 2 is someone with only a
 * Discord account reaches them by direct message on Discord (the Slack thread says so), and their Acknowledge there,
 * through the real JDA client, acknowledges the Slack escalation; the Slack root and the direct message are updated.
 */
class ReachedAcrossPlatformsTest {
    static final String BOB = "222222222222222222";
    static final String CONFIG = """
            people:
              alice: {slack: U0ALICE}
              bob: {discord: "222222222222222222"}
            paths:
              payments:
                levels:
                  - {notify: [alice], ack_timeout: 5m}
                  - {notify: [bob], ack_timeout: 10m}
            channels:
              - {slack: C0PAY, path: payments}
            """;

    final TestClock clock = new TestClock(Fixtures.T0);
    final FakeDiscord.Ids ids = FakeDiscord.Ids.standard();
    FakeSlackApi slack;
    FakeDiscordRest discord;
    FakeDiscordGateway gateway;
    InMemoryMongo mongo;
    AssembledBot bot;
    Config config;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        discord = new FakeDiscordRest(ids);
        gateway = new FakeDiscordGateway(ids);
        mongo = new InMemoryMongo();
        config = ConfigSource.yamlFiles().parse(CONFIG, "test.yml").config().orElseThrow();
        bot = AssembledBot.builder(
                        config, clock, StoreConnection.connect("mongodb://127.0.0.1:" + mongo.port() + "/escalator"))
                .slack(new SlackOptions(
                        "xoxb-test-token",
                        Optional.of("8f742231b10e8888abcd99yyyzzz85a5"),
                        Optional.empty(),
                        URI.create(slack.methodsUrl())))
                .discord(new DiscordBot.Connection(
                        "fake-token",
                        Optional.of(URI.create(discord.baseUrl())),
                        Optional.of(URI.create(gateway.url())),
                        Optional.of(ids.guild())))
                .start();
        Eventually.holds("connected to Discord", bot.discord()::connected);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {bot, gateway, discord, slack, mongo}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void aSlackEscalationReachesADiscordOnlyPersonWhoAcknowledgesItFromDiscord() {
        Escalation opened = ScenarioData.open(
                bot.stores().escalations(),
                new Transitions(config.directory()),
                clock.instant(),
                new ChannelRef(Platform.SLACK, "C0PAY"));
        EscalationId id = opened.id();
        deliver();
        String root = slack.await("chat.postMessage").ts();

        clock.advance(Duration.ofMinutes(5));
        bot.steps().runOnce();
        deliver();

        assertThat(slack.await("chat.postMessage", call -> call.text().contains("level 2/2"))
                        .text())
                .contains("bob (no Slack account; reached by direct message on Discord)");
        String channel = discord.directMessagesWith(BOB).orElseThrow();
        String message = discord.messageIds(channel).getFirst();
        var dm = awaitDiscord(
                "bob's direct message",
                call -> call.method().equals("POST") && call.path().equals("/channels/" + channel + "/messages"));
        assertThat(dm.content())
                .contains("ESC-1")
                .contains("level 2/2")
                .contains(FakeSlackApi.permalink("C0PAY", root));

        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.directMessageButtonPress(
                        ids, "1000", BOB, channel, message, ButtonIds.ofDirectMessage(Action.ACKNOWLEDGE, id)));
        Eventually.holds(
                "acknowledged",
                () -> bot.stores().escalations().find(id).orElseThrow().status() == Status.ACKNOWLEDGED);
        deliver();

        assertThat(slack.await(
                                "chat.update",
                                call -> root.equals(call.params().get("ts"))
                                        && call.blocks().contains("acknowledged by"))
                        .blocks())
                .contains("acknowledged by bob");
        assertThat(slack.await("chat.postMessage", call -> call.text().contains("acknowledged."))
                        .text())
                .as("the Slack thread shows who, from Discord")
                .contains("bob acknowledged");
        var edit = awaitDiscord(
                "bob's direct message edited",
                call -> call.method().equals("PATCH")
                        && call.path().equals("/channels/" + channel + "/messages/" + message));
        assertThat(edit.body().getArray("components").length()).isZero();
    }

    private void deliver() {
        for (var id : bot.stores().outbox().waiting(clock.instant(), 100)) {
            bot.delivery().deliver(id);
        }
    }

    private FakeDiscordRest.Call awaitDiscord(String what, Predicate<FakeDiscordRest.Call> matches) {
        return Eventually.found(
                what + "; calls: " + discord.calls(),
                () -> discord.calls().stream().filter(matches).findFirst());
    }
}
