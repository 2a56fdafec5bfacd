package dev.escalator;

import dev.escalator.alerts.AlertIntake;
import dev.escalator.alerts.AlertRoutes;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.EscalationDesk;
import dev.escalator.cli.Cli;
import dev.escalator.cli.CliContext;
import dev.escalator.cli.ConfigReport;
import dev.escalator.cli.ConfigSource;
import dev.escalator.cli.ExampleConfig;
import dev.escalator.config.Config;
import dev.escalator.config.ConfigResult;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.core.StoredChanges;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.digest.PostWeeklyDigests;
import dev.escalator.discord.DiscordBot;
import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.http.ReadinessCheck;
import dev.escalator.jobs.JobLoop;
import dev.escalator.metrics.ChatCallCounter;
import dev.escalator.metrics.CountedChatPort;
import dev.escalator.metrics.CountedInboundEvents;
import dev.escalator.metrics.EscalationMetrics;
import dev.escalator.metrics.RecountOpenEscalations;
import dev.escalator.metrics.StepLateness;
import dev.escalator.metrics.StoreMetrics;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.slack.SlackBot;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.ExpireInboundKeys;
import dev.escalator.store.MongoAlertKeys;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program: reads the environment, runs the command line, and for the bot itself loads the configuration and starts
 * every part, then stops them in reverse order. The only class that knows all the parts.
 */
public final class Escalator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    /** What is running, most recently started first: closing walks it front to back. */
    private final Deque<AutoCloseable> parts;

    private final HttpService http;
    private boolean closed;

    private Escalator(Deque<AutoCloseable> parts, HttpService http) {
        this.parts = parts;
        this.http = http;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        Settings settings;
        try {
            settings = Settings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("escalator: " + e.getMessage());
            return 1;
        }
        ConfigSource configs = ConfigSource.yamlFiles(env);
        Clock clock = Clock.systemUTC();
        var context = new CliContext(
                settings.configFile(), settings.port(), clock, configs, () -> runUntilStopped(settings, configs));
        return Cli.execute(context, out, err, args);
    }

    /** The bot in the foreground: starts, then waits for SIGTERM or Ctrl-C, whose shutdown hook stops everything. */
    private static int runUntilStopped(Settings settings, ConfigSource configs) {
        Optional<Escalator> started = start(settings, configs);
        if (started.isEmpty()) {
            return 1;
        }
        var running = started.get();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                    log.info("Stopping");
                    running.close();
                    stopped.countDown();
                }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Loads the configuration and starts every part. Empty, after logging why, when the configuration is unusable or a
     * part cannot start (the port is taken); nothing is left running then.
     */
    static Optional<Escalator> start(Settings settings, ConfigSource configs) {
        // the store keeps milliseconds: a clock that ticks in them makes what is written equal what is read back
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        log.info("Starting with {}", settings);
        Optional<Config> config = configuration(settings, configs);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        var parts = new ArrayDeque<AutoCloseable>();
        try {
            var metrics = keep(parts, PrometheusMetrics.withJvmMetrics());
            var store = keep(parts, StoreConnection.open(settings.mongodbUri().map(Secret::value), settings.dataDir()));
            store.calls().observeWith(new StoreMetrics(metrics.registry()));
            var wiring =
                    new Wiring(settings, config.get(), clock, metrics.registry(), Stores.over(store, clock), parts);
            var transitions = new Transitions(config.get().directory());
            var escalationMetrics = new EscalationMetrics(
                    metrics.registry(), wiring.stores().escalations().countUnresolved());
            var wakeups = new CopyOnWriteArrayList<Runnable>();
            StoredChanges wakeUp = (stored, earlierEntries) -> wakeups.forEach(Runnable::run);
            var desk = new EscalationDesk(
                    wiring.stores().escalations(), transitions, clock, wakeUp.andThen(escalationMetrics));
            var commands = new ChatCommands(config.get(), desk, wiring.stores().escalations(), clock);
            var platforms = startChatPlatforms(wiring, commands);
            startJobs(wiring, transitions, platforms.chats(), escalationMetrics, wakeups, store.isEmbedded());
            var http = keep(parts, HttpService.start(new InetSocketAddress(settings.port()), metrics));
            http.addReadinessCheck(ReadinessCheck.of("store", store::reachable));
            platforms.attachTo(http, settings);
            // alerts from monitoring (SPEC §10): the intake opens and acts through the desk; its routes on this server
            var alertKeys = new MongoAlertKeys(store.database(), store.calls());
            var alertIntake = new AlertIntake(
                    config.get(),
                    alertKeys,
                    desk,
                    wiring.stores().escalations(),
                    clock,
                    metrics.registry(),
                    replicaName());
            AlertRoutes.mount(http, alertIntake);
            // end of alerts
            logChatPlatforms(settings);
            log.info(
                    "Escalator is running: HTTP on port {}, configuration {} with paths {}",
                    http.port(),
                    config.get().source(),
                    config.get().directory().paths().keySet().stream()
                            .map(PathId::value)
                            .sorted()
                            .toList());
            return Optional.of(new Escalator(parts, http));
        } catch (IOException e) {
            log.error("Cannot listen on port {}: {}. Set PORT to a free port.", settings.port(), e.getMessage());
        } catch (IllegalStateException | UncheckedIOException e) {
            log.error("Cannot start: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Cannot start", e);
        }
        closeAll(parts);
        return Optional.empty();
    }

    /** What every part is built from; each part started is pushed onto {@code parts}, to be closed in reverse. */
    private record Wiring(
            Settings settings,
            Config config,
            Clock clock,
            MeterRegistry registry,
            Stores stores,
            Deque<AutoCloseable> parts) {}

    /** The chat platforms that were enabled, and the chat ports delivery and digests post through. */
    private record Platforms(Optional<SlackBot> slack, Optional<DiscordBot> discord, List<ChatPort> chats) {
        /** Slack in HTTP mode takes its requests at POST /slack/events; each platform reports its readiness. */
        void attachTo(HttpService http, Settings settings) {
            slack.ifPresent(bot -> {
                if (settings.slackHttpMode()) {
                    bot.mount(http);
                }
                http.addReadinessCheck(bot.readiness());
            });
            discord.ifPresent(bot -> http.addReadinessCheck(ReadinessCheck.of("discord", bot::connected)));
        }
    }

    private static <T extends AutoCloseable> T keep(Deque<AutoCloseable> parts, T part) {
        parts.push(part);
        return part;
    }

    /** Connects Slack and Discord where the settings enable them; every call they make is counted. */
    private static Platforms startChatPlatforms(Wiring wiring, ChatCommands commands) {
        var chatCalls = new ChatCallCounter(wiring.registry());
        List<ChatPort> chats = new ArrayList<>();
        Optional<SlackBot> slack = slackOptions(wiring.settings())
                .map(options -> keep(
                        wiring.parts(),
                        SlackBot.start(
                                options,
                                wiring.config(),
                                commands,
                                new CountedInboundEvents(wiring.stores().inbound(), wiring.registry(), Platform.SLACK),
                                chatCalls)));
        slack.ifPresent(bot -> chats.add(new CountedChatPort(bot.chat(), chatCalls)));
        Optional<DiscordBot> discord = discordConnection(wiring.settings())
                .map(connection -> keep(
                        wiring.parts(),
                        DiscordBot.start(
                                connection,
                                wiring.config(),
                                commands,
                                new CountedInboundEvents(
                                        wiring.stores().inbound(), wiring.registry(), Platform.DISCORD),
                                wiring.stores().escalations(),
                                chatCalls)));
        discord.ifPresent(bot -> chats.add(new CountedChatPort(bot.chat(), chatCalls)));
        return new Platforms(slack, discord, List.copyOf(chats));
    }

    /**
     * The background jobs, each in its own loop: deliver effects, fire due steps, expire dedupe keys, post digests
     * and, on a shared MongoDB, recount open escalations. A user's change may queue posts and move a timer earlier,
     * so {@code wakeups} gets both loops' wake-ups.
     */
    private static void startJobs(
            Wiring wiring,
            Transitions transitions,
            List<ChatPort> chats,
            EscalationMetrics escalationMetrics,
            List<Runnable> wakeups,
            boolean embeddedStore) {
        Clock clock = wiring.clock();
        Stores stores = wiring.stores();
        Deque<AutoCloseable> parts = wiring.parts();
        String owner = replicaName();
        var delivery = keep(parts, new DeliverEffects(stores.outbox(), chats, clock, owner));
        var deliveryLoop = keep(parts, new JobLoop(delivery, clock, POLL).start());
        var lateness = new StepLateness(wiring.registry());
        var steps =
                keep(parts, new FireDueSteps(stores.steps(), stores.escalations(), transitions, clock, owner, fired -> {
                    escalationMetrics.stored(fired.escalation(), fired.earlierEntries());
                    lateness.record(fired.lateness());
                    deliveryLoop.wake();
                }));
        var stepLoop = keep(parts, new JobLoop(steps, clock, POLL).start());
        wakeups.add(deliveryLoop::wake);
        wakeups.add(stepLoop::wake);
        keep(parts, new JobLoop(new ExpireInboundKeys(stores.inbound()), clock, Duration.ofMinutes(1)).start());
        var digests =
                new PostWeeklyDigests(wiring.config().digests(), stores.escalations(), stores.inbound(), chats, clock);
        keep(parts, new JobLoop(digests, clock, Duration.ofMinutes(1)).start());
        if (!embeddedStore) {
            var recount = new RecountOpenEscalations(stores.escalations()::countUnresolved, escalationMetrics);
            keep(parts, new JobLoop(recount, clock, Duration.ofMinutes(1)).start());
        }
    }

    /**
     * The configuration file; with none at the default place and no chat platform, the bundled example, so that a first
     * {@code escalator} on a new machine starts and can be looked at. A platform needs real people, so then a missing
     * file is an error, as is a file named by {@code ESCALATOR_CONFIG} that is not there.
     */
    private static Optional<Config> configuration(Settings settings, ConfigSource configs) {
        var file = settings.configFile();
        ConfigResult result;
        if (Files.exists(file)) {
            result = configs.load(file);
        } else if (!settings.configGiven() && settings.chatPlatforms().isEmpty()) {
            log.warn(
                    "No configuration file at {}: starting with the bundled example, which tags nobody real."
                            + " Run `escalator init` to write it out and make it yours.",
                    file);
            result = configs.parse(ExampleConfig.text(), ExampleConfig.NAME);
        } else {
            log.error(ConfigReport.missingFile(file));
            return Optional.empty();
        }
        result.warnings().forEach(warning -> log.warn("{}", warning));
        result.errors().forEach(error -> log.error("{}", error));
        if (!result.isValid()) {
            log.error(
                    "The configuration has {} error(s); fix them (`escalator check-config` lists them) and start again.",
                    result.errors().size());
            return Optional.empty();
        }
        return result.config();
    }

    /** Slack's part of the settings, when they enable Slack in either mode. */
    private static Optional<SlackOptions> slackOptions(Settings settings) {
        if (!settings.slackHttpMode() && !settings.slackSocketMode()) {
            return Optional.empty();
        }
        return Optional.of(new SlackOptions(
                settings.slackBotToken().orElseThrow().value(),
                settings.slackSigningSecret().map(Secret::value),
                settings.slackSocketMode() ? settings.slackAppToken().map(Secret::value) : Optional.empty(),
                settings.slackApiUrl()));
    }

    private static void logChatPlatforms(Settings settings) {
        settings.halfConfigured().forEach(log::warn);
        if (settings.chatPlatforms().isEmpty()) {
            log.warn("No chat platform is enabled: nobody can open or be tagged on an escalation. Enable Slack with"
                    + " SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode),"
                    + " Discord with DISCORD_BOT_TOKEN.");
        } else {
            log.info("Chat platforms enabled: {}", String.join(", ", settings.chatPlatforms()));
        }
    }

    private static Optional<DiscordBot.Connection> discordConnection(Settings settings) {
        return settings.discordBotToken()
                .map(token -> new DiscordBot.Connection(
                        token.value(),
                        settings.discordApiUrl(),
                        settings.discordGatewayUrl(),
                        settings.discordGuildId()));
    }

    /** How often each job looks for work another replica created, at the latest; in-process work wakes it at once. */
    private static final Duration POLL = Duration.ofSeconds(1);

    /** Names this process in claims, so a stuck lease can be traced to its replica. */
    private static String replicaName() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("escalator");
        return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
    }

    /** The HTTP port actually bound: the one asked for, or a free one when that was 0. */
    int port() {
        return http.port();
    }

    /** Stops every part, most recently started first. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(parts);
        log.info("Escalator stopped");
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            var part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                // one part failing to stop must not keep the others running
                log.warn("Stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }
}
