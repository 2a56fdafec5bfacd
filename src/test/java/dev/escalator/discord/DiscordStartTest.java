package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.escalator.AssembledBot;
import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.time.Duration;
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
    InMemoryMongo mongo;
    TestClock clock = new TestClock(Fixtures.T0);
    Config config;

    @BeforeEach
    void start() throws Exception {
        rest = running(new FakeDiscordRest(ids));
        gateway = running(new FakeDiscordGateway(ids));
        mongo = running(new InMemoryMongo());
        config = ConfigSource.yamlFiles()
                .parse(DiscordWorld.CONFIG, "test.yml")
                .config()
                .orElseThrow();
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
        var bot = start(URI.create(api));
        assertThat(bot.connected()).as("not connected while Discord is away").isFalse();

        link.restore();

        Eventually.holds("connected within a minute of Discord answering", Duration.ofMinutes(1), bot::connected);
    }

    @Test
    void aTokenDiscordRefusesStopsTheStartWithAReason() {
        rest.refuseToken();

        var failure = catchThrowable(() -> start(URI.create(rest.baseUrl())));

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Discord refused the bot token");
    }

    /** The bot as main starts it, Discord's REST at {@code api}; its Discord part, or the start's failure. */
    private DiscordBot start(URI api) throws Exception {
        var bot = running(AssembledBot.builder(config, clock, mongo.connect())
                .discord(new DiscordBot.Connection(
                        "fake-token",
                        Optional.of(api),
                        Optional.of(URI.create(gateway.url())),
                        Optional.of(ids.guild())))
                .start());
        return bot.discord();
    }

    private <T extends AutoCloseable> T running(T part) {
        started.push(part);
        return part;
    }
}
