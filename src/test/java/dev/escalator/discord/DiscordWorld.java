package dev.escalator.discord;

import dev.escalator.AssembledBot;
import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The bot on Discord for real, around a fake Discord (gateway and REST on loopback): the real JDA client, started
 * through the production assembly, so chat commands, desk, scheduler, delivery, digests and metrics are wired as in
 * {@code main}, on an in-memory MongoDB and a test clock. Alice tags level 1 of {@code payments}, bob level 2; the
 * path is bound to the fake guild's channel, where its weekly digest goes on Mondays at 09:00 UTC ({@link #T0}).
 */
final class DiscordWorld implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final String ALICE = "111111111111111111";
    static final String BOB = "222222222222222222";
    static final String EVE = "999999999999999999";

    static final String CONFIG = """
            people:
              alice: {discord: "111111111111111111"}
              bob: {discord: "222222222222222222"}
            paths:
              payments:
                levels:
                  - {notify: [alice], ack_timeout: 5m}
                  - {notify: [bob], ack_timeout: 10m}
                digest: {discord: "500000000000000001", day: mon, time: "09:00", tz: UTC}
            channels:
              - {discord: "500000000000000001", path: payments}
            """;

    final FakeDiscord.Ids ids = FakeDiscord.Ids.standard();
    final TestClock clock = new TestClock(T0);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    final FakeDiscordRest rest;
    final FakeDiscordGateway gateway;
    /** The bot's way to its store, which a test can cut to play an outage. */
    final CuttableProxy storeLink;
    /** The bot as {@code main} wires it, its job loops left to the test. */
    final AssembledBot assembled;

    final Stores stores;
    final DiscordBot bot;
    final DeliverEffects delivery;
    final FireDueSteps steps;

    /** Starts the bot and waits until it has registered its command on the guild and is connected. */
    DiscordWorld() throws Exception {
        try {
            rest = running(new FakeDiscordRest(ids));
            gateway = running(new FakeDiscordGateway(ids));
            var mongo = running(new InMemoryMongo());
            storeLink = running(new CuttableProxy(mongo.port()));
            Config config =
                    ConfigSource.yamlFiles().parse(CONFIG, "test.yml").config().orElseThrow();
            assembled = running(AssembledBot.builder(
                            config,
                            clock,
                            StoreConnection.connect("mongodb://127.0.0.1:" + storeLink.port() + "/escalator"))
                    .discord(new DiscordBot.Connection(
                            "fake-token",
                            Optional.of(URI.create(rest.baseUrl())),
                            Optional.of(URI.create(gateway.url())),
                            Optional.of(ids.guild())))
                    .start());
            stores = assembled.stores();
            bot = assembled.discord();
            delivery = assembled.delivery();
            steps = assembled.steps();
            Eventually.found(
                    "the command registered on the guild",
                    () -> rest.calls().stream()
                            .filter(call -> call.method().equals("PUT")
                                    && call.path()
                                            .equals("/applications/%s/guilds/%s/commands"
                                                    .formatted(ids.application(), ids.guild())))
                            .findFirst());
            // JDA fires ReadyEvent (which registers the command) just before it calls itself connected
            Eventually.holds("connected", bot::connected);
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T running(T part) {
        started.push(part);
        return part;
    }

    /** Stops everything started, most recent first. */
    @Override
    public void close() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
