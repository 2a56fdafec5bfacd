package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatCommands;
import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.core.Transitions;
import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting with Discord out of reach, or with a token Discord refuses (SPEC §8). */
class DiscordStartTest {
    final FakeDiscord.Ids ids = FakeDiscord.Ids.standard();
    final Deque<AutoCloseable> started = new ArrayDeque<>();
    FakeDiscordRest rest;
    FakeDiscordGateway gateway;
    Stores stores;
    Config config;
    ChatCommands commands;

    @BeforeEach
    void start() throws Exception {
        rest = running(new FakeDiscordRest(ids));
        gateway = running(new FakeDiscordGateway(ids));
        var mongo = running(new InMemoryMongo());
        var clock = new TestClock(Instant.parse("2026-11-23T09:00:00Z"));
        stores = Stores.over(running(mongo.connect()), clock);
        config = ConfigSource.yamlFiles()
                .parse(DiscordWorld.CONFIG, "test.yml")
                .config()
                .orElseThrow();
        var desk =
                new EscalationDesk(stores.escalations(), new Transitions(config.directory()), clock, AfterWrite.none());
        commands = new ChatCommands(config, desk, stores.escalations(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    @Test
    void discordOutOfReachAtStartLeavesTheBotUpAndConnectsOnceDiscordAnswers() throws Exception {
        var link = running(new CuttableProxy(URI.create(rest.baseUrl()).getPort()));
        link.cut();

        String api = rest.baseUrl().replace(":" + URI.create(rest.baseUrl()).getPort() + "/", ":" + link.port() + "/");
        var bot = running(start(URI.create(api)));
        assertThat(bot.connected()).as("not connected while Discord is away").isFalse();

        link.restore();

        Eventually.holds("connected within a minute of Discord answering", Duration.ofMinutes(1), bot::connected);
    }

    @Test
    void aTokenDiscordRefusesStopsTheStartWithAReason() {
        rest.refuseToken();

        var failure = catchThrowable(() -> running(start(URI.create(rest.baseUrl()))));

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Discord refused the bot token");
    }

    private DiscordBot start(URI api) {
        return DiscordBot.start(
                new DiscordBot.Connection(
                        "fake-token",
                        Optional.of(api),
                        Optional.of(URI.create(gateway.url())),
                        Optional.of(ids.guild())),
                config,
                commands,
                stores.inbound(),
                stores.escalations(),
                ChatCalls.NONE);
    }

    private <T extends AutoCloseable> T running(T part) {
        started.push(part);
        return part;
    }
}
