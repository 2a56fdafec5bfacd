package dev.escalator;

import dev.escalator.cli.Cli;
import dev.escalator.cli.CliContext;
import dev.escalator.cli.ConfigReport;
import dev.escalator.cli.ConfigSource;
import dev.escalator.cli.ExampleConfig;
import dev.escalator.config.Config;
import dev.escalator.config.ConfigResult;
import dev.escalator.core.OnCallOverrides;
import dev.escalator.core.PathId;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.discord.DiscordBot;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.logging.ConsoleLog;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.MongoOnCallOverrides;
import dev.escalator.store.StoreConnection;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process: reads the environment, runs the command line, and for the bot itself loads the configuration, opens
 * the store and hands both to the {@link Assembly}, which starts every part; a shutdown hook stops them.
 */
public final class Escalator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final Assembly bot;
    private boolean closed;

    private Escalator(Assembly bot) {
        this.bot = bot;
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv());
        ConsoleLog.flush();
        System.exit(status);
    }

    static int run(String[] args, Map<String, String> env) {
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
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
                settings.configFile(),
                settings.port(),
                clock,
                configs,
                () -> runUntilStopped(settings, configs),
                now -> storedOverrides(settings, now),
                (interactive, speed, demoOut, in) ->
                        DemoBot.play(interactive, speed, demoOut, in, Path.of(System.getProperty("java.io.tmpdir"))));
        return Cli.execute(context, out, err, args);
    }

    /**
     * The on-call overrides in the bot's store, for {@code simulate}: none when there is no store yet; empty when it
     * cannot be read (the running bot holds the embedded store's file, MongoDB is unreachable).
     */
    private static Optional<OnCallOverrides> storedOverrides(Settings settings, Instant now) {
        Optional<String> uri = settings.mongodbUri().map(Secret::value);
        if (uri.isEmpty() && !Files.isDirectory(settings.dataDir())) {
            return Optional.of(OnCallOverrides.NONE);
        }
        try (var store = StoreConnection.open(uri, settings.dataDir())) {
            return Optional.of(
                    new MongoOnCallOverrides(store.database(), store.calls(), Clock.systemUTC(), true).notOverAt(now));
        } catch (RuntimeException e) {
            log.debug("simulate: cannot read on-call overrides: {}", e.toString());
            return Optional.empty();
        }
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
                    ConsoleLog.flush();
                    // everything is stopped and flushed: a SIGTERM handled this way is a clean exit (0), not the
                    // signal's 143; a stop the bot asked for itself keeps its own status
                    Runtime.getRuntime().halt(exitStatus);
                }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Loads the configuration and starts every part through the {@link Assembly}. Empty, after logging why, when the
     * configuration is unusable or a part cannot start (the port is taken); nothing is left running then.
     */
    static Optional<Escalator> start(Settings settings, ConfigSource configs) {
        // the store keeps milliseconds: a clock that ticks in them makes what is written equal what is read back
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        log.info("Starting with {}", settings);
        Optional<Config> config = configuration(settings, configs);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        try {
            var metrics = PrometheusMetrics.withJvmMetrics();
            StoreConnection store;
            try {
                store = StoreConnection.open(settings.mongodbUri().map(Secret::value), settings.dataDir());
            } catch (IllegalArgumentException e) {
                // the driver's words about the connection string: they name the option, never the password
                metrics.close();
                log.error(
                        "Cannot start: MONGODB_URI is not a connection string MongoDB's driver takes: {}",
                        e.getMessage());
                return Optional.empty();
            } catch (RuntimeException e) {
                metrics.close();
                throw e;
            }
            var bot = Assembly.start(new Assembly.Inputs(
                    config.get(),
                    clock,
                    metrics,
                    store,
                    new Assembly.ChatPlatforms(slackOptions(settings), discordConnection(settings), List.of()),
                    new InetSocketAddress(settings.port()),
                    replicaName(),
                    POLL,
                    true,
                    Escalator::stopForAFailedStoreFile));
            logChatPlatforms(settings);
            log.info(
                    "Escalator is running: HTTP on port {}, configuration {} with paths {}",
                    bot.httpPort(),
                    config.get().source(),
                    config.get().directory().paths().keySet().stream()
                            .map(PathId::value)
                            .sorted()
                            .toList());
            return Optional.of(new Escalator(bot));
        } catch (IOException e) {
            log.error("Cannot listen on port {}: {}. Set PORT to a free port.", settings.port(), e.getMessage());
        } catch (IllegalStateException | UncheckedIOException e) {
            log.error("Cannot start: {}", e.getMessage());
        } catch (StoreUnavailableException e) {
            // an infrastructure fault an operator fixes: one line saying what to check, not a stack trace
            log.error(
                    "Cannot start: {} ({}). Check MONGODB_URI, and that MongoDB is up and reachable from here.",
                    e.getMessage(),
                    rootCause(e).getMessage());
        } catch (RuntimeException e) {
            log.error("Cannot start", e);
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause.getCause() != null && depth < 10; depth++) {
            cause = cause.getCause();
        }
        return cause;
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
                            + " Run `bin/escalator init` to write it out and make it yours.",
                    file);
            result = configs.parse(ExampleConfig.text(), ExampleConfig.NAME);
        } else {
            log.error(ConfigReport.missingFile(file));
            return Optional.empty();
        }
        // a warning repeated in many places is one line: a file of many paths could log hundreds at every start
        result.warningLines().forEach(warning -> log.warn("{}", warning));
        result.errors().forEach(error -> log.error("{}", error));
        if (!result.isValid()) {
            log.error(
                    "The configuration has {} error(s); fix them (`bin/escalator check-config` lists them) and start again.",
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

    /** The status the process ends with once its shutdown hook has stopped everything. */
    private static volatile int exitStatus = 0;

    /**
     * The embedded store's file failed and closed itself: nothing written from now on could be kept. Exit with 75
     * (EX_TEMPFAIL) so that the orchestrator restarts the bot, which reopens the file once there is room.
     */
    private static void stopForAFailedStoreFile() {
        log.error("The embedded store's file failed and closed itself (is the disk full?). Stopping, so that a restart"
                + " reopens it once there is room; nothing confirmed so far is lost.");
        exitStatus = 75;
        Thread.ofPlatform().name("stop-for-store").start(() -> System.exit(75));
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
        return bot.httpPort();
    }

    /** Stops every part, most recently started first. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        bot.close();
        log.info("Escalator stopped");
    }
}
