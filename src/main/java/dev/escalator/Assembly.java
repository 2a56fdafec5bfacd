package dev.escalator;

import dev.escalator.alerts.AlertIntake;
import dev.escalator.alerts.AlertRoutes;
import dev.escalator.chat.CarryOutRecordedActions;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RootLinks;
import dev.escalator.config.Config;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.ChannelPacer;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.delivery.PostingFence;
import dev.escalator.digest.PostWeeklyDigests;
import dev.escalator.discord.DiscordBot;
import dev.escalator.http.CrashHook;
import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.http.ReadinessCheck;
import dev.escalator.jobs.Job;
import dev.escalator.jobs.JobLoop;
import dev.escalator.metrics.ChatCallCounter;
import dev.escalator.metrics.CountedChatPort;
import dev.escalator.metrics.CountedInboundEvents;
import dev.escalator.metrics.CountedInbox;
import dev.escalator.metrics.EscalationMetrics;
import dev.escalator.metrics.RecountOpenEscalations;
import dev.escalator.metrics.StepLateness;
import dev.escalator.metrics.StoreMetrics;
import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.schedule.StoredChange;
import dev.escalator.slack.SlackBot;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.EndClaimsOfSilentReplicas;
import dev.escalator.store.ExpireInboundKeys;
import dev.escalator.store.MongoAlertKeys;
import dev.escalator.store.MongoOnCallOverrides;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.store.WriteHeartbeat;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot, wired: the store, the chat platforms, the one application path (a person's action through the {@link
 * EscalationDesk}, a due step through {@link FireDueSteps}, both reporting to one {@link AfterWrite} listener that
 * counts metrics and step lateness and wakes delivery and the step loop), the background jobs and the HTTP server.
 * {@link Escalator} builds one from the environment; the test worlds build one from a test clock and fakes, so what
 * they test is the wiring {@code main} runs. The only class that knows all the parts.
 */
final class Assembly implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Assembly.class);

    /** How often the jobs that have no work in this process look for some: digests, dedupe keys, recounts. */
    static final Duration SLOW_POLL = Duration.ofMinutes(1);

    /**
     * What the bot is built from. {@code metrics} and {@code store} are handed over: the assembly closes them last, and
     * closes them too when it cannot start. {@code poll} is how often the step and delivery loops look for work another
     * replica created; with {@code runLoops} false no loop runs and a test runs the jobs by hand on its clock.
     * {@code storeFileLost} runs once if the embedded store's file fails for good (main stops the process).
     */
    record Inputs(
            Config config,
            Clock clock,
            PrometheusMetrics metrics,
            StoreConnection store,
            ChatPlatforms platforms,
            InetSocketAddress httpAddress,
            String replica,
            Duration poll,
            boolean runLoops,
            Runnable storeFileLost) {
        Inputs {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(platforms, "platforms");
            Objects.requireNonNull(httpAddress, "httpAddress");
            Objects.requireNonNull(replica, "replica");
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(storeFileLost, "storeFileLost");
        }

        /**
         * These inputs with the configuration's directory narrowed to the chat platforms this bot connects to (SPEC
         * §11): people get direct messages there only, and someone whose only accounts are elsewhere is recorded as not
         * reached, the thread saying why, instead of being named as reached on a platform nothing here sends to.
         */
        Inputs connectedOnly() {
            var connected = EnumSet.noneOf(Platform.class);
            platforms.slack().ifPresent(options -> connected.add(Platform.SLACK));
            platforms.discord().ifPresent(connection -> connected.add(Platform.DISCORD));
            platforms.others().forEach(chat -> connected.add(chat.platform()));
            var narrowed = new Config(
                    config.directory().connectedTo(connected),
                    config.channels(),
                    config.reactions(),
                    config.digests(),
                    config.integrations(),
                    config.source());
            return new Inputs(
                    narrowed, clock, metrics, store, platforms, httpAddress, replica, poll, runLoops, storeFileLost);
        }
    }

    /**
     * The chat platforms to connect: Slack (in HTTP mode when the options have no app token, so its requests come to
     * {@code POST /slack/events}), Discord, and chat ports that only take posts (a recording fake in a test). Delivery
     * and digests post through all of them, every call counted; delivery keeps its posts to each channel to {@code
     * pace}.
     */
    record ChatPlatforms(
            Optional<SlackOptions> slack,
            Optional<DiscordBot.Connection> discord,
            List<ChatPort> others,
            ChannelPacer pace) {
        ChatPlatforms {
            Objects.requireNonNull(slack, "slack");
            Objects.requireNonNull(discord, "discord");
            others = List.copyOf(others);
            Objects.requireNonNull(pace, "pace");
        }

        /** Posts paced as the platforms ask ({@link ChannelPacer#platformPace}). */
        ChatPlatforms(Optional<SlackOptions> slack, Optional<DiscordBot.Connection> discord, List<ChatPort> others) {
            this(slack, discord, others, ChannelPacer.platformPace());
        }
    }

    /** What is running, most recently started first: closing walks it front to back. */
    private final Deque<AutoCloseable> parts;

    private final Stores stores;
    private final EscalationDesk desk;
    private final ChatCommands commands;
    private final RecordedActions actions;
    private final Optional<SlackBot> slack;
    private final Optional<DiscordBot> discord;
    private final Jobs jobs;
    private final HttpService http;
    private boolean closed;

    private Assembly(
            Deque<AutoCloseable> parts,
            Stores stores,
            EscalationDesk desk,
            ChatCommands commands,
            RecordedActions actions,
            Platforms platforms,
            Jobs jobs,
            HttpService http) {
        this.parts = parts;
        this.stores = stores;
        this.desk = desk;
        this.commands = commands;
        this.actions = actions;
        this.slack = platforms.slack();
        this.discord = platforms.discord();
        this.jobs = jobs;
        this.http = http;
    }

    /**
     * Starts every part. When one cannot start (a platform refuses its token, the port is taken) the exception comes
     * out and nothing is left running, the store and metrics handed over included.
     */
    static Assembly start(Inputs asked) throws IOException {
        Inputs in = asked.connectedOnly();
        var parts = new ArrayDeque<AutoCloseable>();
        keep(parts, in.metrics());
        keep(parts, in.store());
        try {
            in.store().calls().observeWith(new StoreMetrics(in.metrics().registry()));
            // on the embedded store the work queues are loaded once the bot serves (see WorkQueueLoad)
            Stores stores = Stores.openedBeforeLoad(in.store(), in.clock());
            var transitions = new Transitions(in.config().directory());
            var escalationMetrics = new EscalationMetrics(
                    in.metrics().registry(), stores.escalations().countUnresolved());
            // delivery needs the chat ports, which need the desk's commands: the loops join the listener once built
            var wakeUps = new WakeUps();
            AfterWrite afterWrite = escalationMetrics
                    .andThen(new StepLateness(in.metrics().registry()))
                    .andThen(wakeUps);
            var inbox = new CountedInbox(stores.inbox(), in.metrics().registry());
            var overrides = new MongoOnCallOverrides(
                    in.store().database(),
                    in.store().calls(),
                    in.clock(),
                    in.store().isEmbedded());
            var desk = new EscalationDesk(stores.escalations(), transitions, in.clock(), afterWrite, inbox)
                    .consulting(overrides);
            var rootLinks = new RootLinks(stores.escalations());
            var commands = new ChatCommands(in.config(), desk, stores.escalations(), in.clock(), rootLinks);
            var actions = new RecordedActions(commands, inbox, in.clock(), in.replica(), CrashHook.armed());
            actions.countCarriedOutWith(inbox::carriedOut);
            var platforms = startChatPlatforms(in, stores, commands, actions, parts);
            rootLinks.through(platforms.chats());
            // the store is ready while this replica can write to it, not merely while it answers a ping; with several
            // replicas the heartbeat also fences this replica's posts: written before delivery starts
            var heartbeat = new WriteHeartbeat(in.store(), in.clock(), in.replica(), in.storeFileLost());
            heartbeat.runOnce();
            var jobs = startJobs(
                    in,
                    heartbeat,
                    stores,
                    transitions,
                    overrides,
                    platforms.chats(),
                    escalationMetrics,
                    afterWrite,
                    actions,
                    parts);
            wakeUps.loops(jobs.deliveryLoop(), jobs.stepLoop());
            if (!in.store().isEmbedded()) {
                // a dead replica's claims are taken over when its heartbeat falls silent, not when each lease lapses;
                // its work at once, ahead of this replica's own backlog, and the loops woken for anything else
                var silentReplicas = new EndClaimsOfSilentReplicas(in.store(), in.clock(), in.replica(), ended -> {
                    jobs.steps().fireTakenOver(ended.steps());
                    jobs.delivery().deliverTakenOver(ended.deliveries());
                    jobs.stepLoop().wake();
                    jobs.deliveryLoop().wake();
                });
                loop(in, silentReplicas, EndClaimsOfSilentReplicas.EVERY, parts);
            }
            loop(in, heartbeat, heartbeat.every(), parts);
            var http = keep(parts, HttpService.start(in.httpAddress(), in.metrics()));
            http.addReadinessCheck(ReadinessCheck.of("store", heartbeat::ready));
            platforms.attachTo(http, in.platforms());
            // alerts from monitoring (SPEC §10): the intake opens and acts through the desk; its routes on this server
            var alertIntake = new AlertIntake(
                    in.config(),
                    new MongoAlertKeys(in.store().database(), in.store().calls()),
                    desk,
                    stores.escalations(),
                    in.clock(),
                    in.metrics().registry(),
                    in.replica());
            AlertRoutes.mount(http, alertIntake);
            loadWorkQueues(in, stores, escalationMetrics, jobs, parts);
            return new Assembly(parts, stores, desk, commands, actions, platforms, jobs, http);
        } catch (IOException | RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    /**
     * Loads the embedded store's work queues while the bot serves; when they are complete, the open-escalations gauge
     * is set to their count (it started from the entries known at start) and the step and delivery loops look at once
     * for what came due meanwhile. A test that runs the jobs by hand on its clock gets them complete before it starts.
     */
    private static void loadWorkQueues(
            Inputs in, Stores stores, EscalationMetrics escalationMetrics, Jobs jobs, Deque<AutoCloseable> parts) {
        var load = keep(parts, stores.workQueueLoad());
        var recount = new RecountOpenEscalations(stores.escalations()::countUnresolved, escalationMetrics);
        load.start(in.replica(), () -> {
            recount.runOnce();
            jobs.stepLoop().wake();
            jobs.deliveryLoop().wake();
        });
        if (!in.runLoops()) {
            try {
                if (!load.awaitLoaded(Duration.ofMinutes(1))) {
                    throw new IllegalStateException("the work queues did not load within a minute");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the work queues loaded", e);
            }
        }
    }

    /** The chat platforms that were started, and the chat ports delivery and digests post through. */
    private record Platforms(Optional<SlackBot> slack, Optional<DiscordBot> discord, List<ChatPort> chats) {
        /** Slack in HTTP mode takes its requests at POST /slack/events; each platform reports its readiness. */
        void attachTo(HttpService http, ChatPlatforms asked) {
            slack.ifPresent(bot -> {
                if (asked.slack().filter(options -> !options.socketMode()).isPresent()) {
                    bot.mount(http);
                }
                http.addReadinessCheck(bot.readiness());
            });
            discord.ifPresent(bot -> http.addReadinessCheck(ReadinessCheck.of("discord", bot::connected)));
        }
    }

    /** Connects Slack and Discord where asked; every call they make is counted. */
    private static Platforms startChatPlatforms(
            Inputs in, Stores stores, ChatCommands commands, RecordedActions actions, Deque<AutoCloseable> parts) {
        var registry = in.metrics().registry();
        var chatCalls = new ChatCallCounter(registry);
        List<ChatPort> chats = new ArrayList<>();
        Optional<SlackBot> slack = in.platforms()
                .slack()
                .map(options -> keep(parts, SlackBot.start(options, in.config(), commands, actions, chatCalls)));
        slack.ifPresent(bot -> chats.add(new CountedChatPort(bot.chat(), chatCalls)));
        Optional<DiscordBot> discord = in.platforms()
                .discord()
                .map(connection -> keep(
                        parts,
                        DiscordBot.start(
                                connection,
                                in.config(),
                                commands,
                                actions,
                                new CountedInboundEvents(stores.inbound(), registry, Platform.DISCORD),
                                stores.escalations(),
                                chatCalls)));
        discord.ifPresent(bot -> chats.add(new CountedChatPort(bot.chat(), chatCalls)));
        in.platforms().others().forEach(chat -> chats.add(new CountedChatPort(chat, chatCalls)));
        return new Platforms(slack, discord, List.copyOf(chats));
    }

    /** The background jobs, and the loops of the two that stored changes wake. */
    private record Jobs(
            DeliverEffects delivery,
            JobLoop deliveryLoop,
            FireDueSteps steps,
            JobLoop stepLoop,
            PostWeeklyDigests digests,
            CarryOutRecordedActions recorded) {}

    /**
     * The background jobs, each in its own loop: deliver effects, fire due steps, carry out people's actions that were
     * recorded and left (a crash, a failed effect), expire dedupe keys, post digests and, on a shared MongoDB, recount
     * open escalations.
     */
    private static Jobs startJobs(
            Inputs in,
            WriteHeartbeat heartbeat,
            Stores stores,
            Transitions transitions,
            OnCallOverrideStore overrides,
            List<ChatPort> chats,
            EscalationMetrics escalationMetrics,
            AfterWrite afterWrite,
            RecordedActions actions,
            Deque<AutoCloseable> parts) {
        Clock clock = in.clock();
        // alone on the embedded store, no other replica takes this one's claims over: nothing to fence
        PostingFence fence = in.store().isEmbedded() ? PostingFence.alone(in.replica()) : heartbeat;
        // direct messages link to the thread with the same link status gives, asked of the platform once
        var threadLinks = new RootLinks(stores.escalations());
        threadLinks.through(chats);
        var delivery = keep(
                parts,
                new DeliverEffects(
                                stores.outbox(),
                                chats,
                                clock,
                                fence,
                                in.platforms().pace())
                        .tellingFallbacksOf(in.config().directory())
                        .linkingThreadsWith(threadLinks));
        Gauge.builder("escalator.posts.stuck", delivery, DeliverEffects::stuckPosts)
                .description("Escalations whose next post the platform refuses for the bot's access (token, channel,"
                        + " scope); retried until it goes out")
                .register(in.metrics().registry());
        var deliveryLoop = loop(in, delivery, in.poll(), parts);
        var steps = keep(
                parts,
                new FireDueSteps(
                        stores.steps(), stores.escalations(), transitions, clock, in.replica(), afterWrite, overrides));
        var stepLoop = loop(in, steps, in.poll(), parts);
        var recorded = new CarryOutRecordedActions(actions, in.store().isEmbedded());
        loop(in, recorded, in.poll(), parts);
        loop(in, new ExpireInboundKeys(stores.inbound()), SLOW_POLL, parts);
        var digests =
                new PostWeeklyDigests(in.config().digests(), stores.escalations(), stores.inbound(), chats, clock);
        loop(in, digests, SLOW_POLL, parts);
        if (!in.store().isEmbedded()) {
            var recount = new RecountOpenEscalations(stores.escalations()::countUnresolved, escalationMetrics);
            loop(in, recount, SLOW_POLL, parts);
        }
        return new Jobs(delivery, deliveryLoop, steps, stepLoop, digests, recorded);
    }

    private static JobLoop loop(Inputs in, Job job, Duration poll, Deque<AutoCloseable> parts) {
        var loop = new JobLoop(job, in.clock(), poll);
        if (in.runLoops()) {
            loop.start();
        }
        return keep(parts, loop);
    }

    /**
     * Wakes delivery after every stored change, which may have queued posts, and the step loop after a person's change,
     * which may have moved a step earlier. A step's own change needs no wake-up of the step loop: the round that stored
     * it looks again when it ends. Before the loops exist there is nothing to wake: their first round finds the work.
     */
    private static final class WakeUps implements AfterWrite {
        private volatile Optional<JobLoop> delivery = Optional.empty();
        private volatile Optional<JobLoop> steps = Optional.empty();

        void loops(JobLoop delivery, JobLoop steps) {
            this.delivery = Optional.of(delivery);
            this.steps = Optional.of(steps);
        }

        @Override
        public void stored(StoredChange change) {
            delivery.ifPresent(JobLoop::wake);
            if (!change.fromStep()) {
                steps.ifPresent(JobLoop::wake);
            }
        }
    }

    private static <T extends AutoCloseable> T keep(Deque<AutoCloseable> parts, T part) {
        parts.push(part);
        return part;
    }

    Stores stores() {
        return stores;
    }

    EscalationDesk desk() {
        return desk;
    }

    ChatCommands commands() {
        return commands;
    }

    Optional<SlackBot> slack() {
        return slack;
    }

    Optional<DiscordBot> discord() {
        return discord;
    }

    /** Delivers effects; runs in its loop, or by hand in a test that did not start the loops. */
    DeliverEffects delivery() {
        return jobs.delivery();
    }

    /** Fires due steps; runs in its loop, or by hand in a test that did not start the loops. */
    FireDueSteps steps() {
        return jobs.steps();
    }

    PostWeeklyDigests digests() {
        return jobs.digests();
    }

    /** People's actions on their way in: recorded, then carried out. */
    RecordedActions actions() {
        return actions;
    }

    /** Carries out recorded actions left by a crash; runs in its loop, or by hand in a test. */
    CarryOutRecordedActions recordedActions() {
        return jobs.recorded();
    }

    /** The HTTP port actually bound: the one asked for, or a free one when that was 0. */
    int httpPort() {
        return http.port();
    }

    /** Stops every part, most recently started first, the store and metrics last. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(parts);
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
