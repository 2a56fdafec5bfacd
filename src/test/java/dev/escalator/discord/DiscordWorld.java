package dev.escalator.discord;

import dev.escalator.AssembledBot;
import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.ThreadRef;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * The bot on Discord for real, around a fake Discord (gateway and REST on loopback): the real JDA client, started
 * through the production assembly, so chat commands, desk, scheduler, delivery, digests and metrics are wired as in
 * {@code main}, on an in-memory MongoDB (reached through a proxy a test can cut or make hang) and a test clock. Alice tags level 1 of {@code payments}, bob level 2; the
 * path is bound to the fake guild's channel, where its weekly digest goes on Mondays at 10:00 UTC ({@link #T0}).
 * Posts go out unpaced ({@link AssembledBot.Builder#unpaced}): the test clock runs hours in a moment.
 */
final class DiscordWorld implements AutoCloseable {
    static final Instant T0 = Fixtures.T0;
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
                digest: {discord: "500000000000000001", day: mon, time: "10:00", tz: UTC}
            channels:
              - {discord: "500000000000000001", path: payments}
            """;

    final FakeDiscord.Ids ids;
    final TestClock clock;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    final FakeDiscordRest rest;
    final FakeDiscordGateway gateway;
    final InMemoryMongo mongo;
    /** The bot's way to its store, which a test can cut or make hang. */
    final CuttableProxy storeLink;
    /** The bot as {@code main} wires it, its job loops left to the test. */
    final AssembledBot assembled;

    final Stores stores;
    final DiscordBot bot;
    final DeliverEffects delivery;
    final FireDueSteps steps;
    private final AtomicLong interactions = FakeDiscord.interactionIds();

    /**
     * A world on {@link #CONFIG}, started where a test's field is made, closed after each test: {@code @AutoClose final
     * DiscordWorld world = DiscordWorld.started();}
     */
    static DiscordWorld started() {
        try {
            return new DiscordWorld();
        } catch (Exception e) {
            throw new IllegalStateException("the Discord world did not start", e);
        }
    }

    /** Starts the bot and waits until it has registered its command on the guild and is connected. */
    DiscordWorld() throws Exception {
        this(CONFIG);
    }

    /** As above, with the configuration {@code config} (YAML) instead of {@link #CONFIG}. */
    DiscordWorld(String config) throws Exception {
        this(
                FakeDiscord.Ids.standard(),
                ConfigSource.yamlFiles().parse(config, "test.yml").config().orElseThrow(),
                T0);
    }

    /**
     * The bot on {@code config}, its clock at {@code start}, in a fake guild of these {@code ids} (whose one text
     * channel should be bound to a path).
     */
    DiscordWorld(FakeDiscord.Ids ids, Config config, Instant start) throws Exception {
        this.ids = ids;
        this.clock = new TestClock(start);
        try {
            rest = running(new FakeDiscordRest(ids));
            gateway = running(new FakeDiscordGateway(ids));
            mongo = running(new InMemoryMongo());
            storeLink = running(new CuttableProxy(mongo.port()));
            var store = StoreConnection.connect("mongodb://127.0.0.1:" + storeLink.port() + "/escalator");
            assembled = running(AssembledBot.builder(config, clock, store)
                    .discord(new DiscordBot.Connection(
                            "fake-token",
                            Optional.of(URI.create(rest.baseUrl())),
                            Optional.of(URI.create(gateway.url())),
                            Optional.of(ids.guild())))
                    .unpaced()
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

    /** Delivers everything due now, on this thread. */
    void deliver() {
        for (var id : stores.outbox().waiting(clock.instant(), 100)) {
            delivery.deliver(id);
        }
    }

    /** Fires the steps due at the test clock's time, then delivers what they post. */
    void advance(java.time.Duration duration) {
        clock.advance(duration);
        steps.runOnce();
        deliver();
    }

    /** The first call to the fake REST API that {@code matches}, once the bot has made it. */
    FakeDiscordRest.Call awaitCall(String what, Predicate<FakeDiscordRest.Call> matches) {
        return Eventually.found(
                what, () -> rest.calls().stream().filter(matches).findFirst());
    }

    /** The bot's answer to the interaction {@code interaction}: its follow-up on the interaction's token. */
    FakeDiscordRest.Call awaitAnswer(String interaction) {
        return awaitCall(
                "the answer to interaction " + interaction, call -> call.path().endsWith("/token-" + interaction));
    }

    /**
     * {@code user} types {@code /escalate open title: Checkout is failing} in the bound channel, as interaction {@code
     * interaction}; returns once the bot has answered, and so has stored the escalation.
     */
    void openCheckoutFailing(String user, String interaction) {
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids,
                        interaction,
                        user,
                        "open",
                        DataArray.empty().add(FakeDiscord.stringOption("title", "Checkout is failing"))));
        awaitAnswer(interaction);
    }

    /** A new interaction's id, after every earlier one's, as Discord's snowflakes are. */
    String nextInteraction() {
        return String.valueOf(interactions.incrementAndGet());
    }

    /** As {@link #openCheckoutFailing(String, String)}, as a new interaction, whose id it returns. */
    String openCheckoutFailing(String user) {
        String interaction = nextInteraction();
        openCheckoutFailing(user, interaction);
        return interaction;
    }

    /** ESC-{@code number}'s root message and thread, which it has once its root is posted. */
    ThreadRef thread(long number) {
        return stores.escalations()
                .thread(new EscalationId(number))
                .orElseThrow(() -> new AssertionError("ESC-" + number + " has no root message yet"));
    }

    /** The escalation as stored. */
    Escalation escalation(EscalationId id) {
        return stores.escalations().find(id).orElseThrow();
    }

    /**
     * A second replica on this world's store, signed in to Discord through a gateway of its own (Discord gives each
     * replica its session) and the same REST API; its job loops left to the test, as this one's.
     */
    Replica replica(String name, Config config) throws Exception {
        var ownGateway = new FakeDiscordGateway(ids);
        try {
            var bot = AssembledBot.builder(config, clock, mongo.connect())
                    .discord(new DiscordBot.Connection(
                            "fake-token",
                            Optional.of(URI.create(rest.baseUrl())),
                            Optional.of(URI.create(ownGateway.url())),
                            Optional.of(ids.guild())))
                    .replica(name)
                    .unpaced()
                    .start();
            Eventually.holds("the second replica connected", bot.discord()::connected);
            return new Replica(bot, ownGateway);
        } catch (Exception | AssertionError e) {
            ownGateway.close();
            throw e;
        }
    }

    /** Another replica: its bot and the gateway it is signed in to. */
    record Replica(AssembledBot bot, FakeDiscordGateway gateway) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            bot.close();
            gateway.close();
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
