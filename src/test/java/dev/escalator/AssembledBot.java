package dev.escalator;

import dev.escalator.chat.CarryOutRecordedActions;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.RecordedActions;
import dev.escalator.config.Config;
import dev.escalator.delivery.ChannelPacer;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.digest.PostWeeklyDigests;
import dev.escalator.discord.DiscordBot;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.slack.SlackBot;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot built by the production {@link Assembly} for a test world in another package: the same wiring as {@code
 * main} (metrics, step lateness and wake-ups behind one listener, counted chat calls and inbound events), with the
 * test's clock, store and fake platforms. HTTP listens on a free loopback port. By default no job loop runs: the world
 * drives {@link #steps()} and {@link #delivery()} by hand on its clock; {@link Builder#runningLoops} starts them as
 * {@code main} does.
 */
public final class AssembledBot implements AutoCloseable {
    private final Assembly assembly;

    private AssembledBot(Assembly assembly) {
        this.assembly = assembly;
    }

    /** A bot on {@code config}, {@code clock} and {@code store}; the store is the bot's to close from then on. */
    public static Builder builder(Config config, Clock clock, StoreConnection store) {
        return new Builder(config, clock, store);
    }

    public static final class Builder {
        private final Config config;
        private final Clock clock;
        private final StoreConnection store;
        private Optional<SlackOptions> slack = Optional.empty();
        private Optional<DiscordBot.Connection> discord = Optional.empty();
        private final List<ChatPort> others = new ArrayList<>();
        private String replica = "test";
        private Duration poll = Duration.ofSeconds(1);
        private boolean runLoops;
        private ChannelPacer pacer = ChannelPacer.platformPace();

        private Builder(Config config, Clock clock, StoreConnection store) {
            this.config = Objects.requireNonNull(config);
            this.clock = Objects.requireNonNull(clock);
            this.store = Objects.requireNonNull(store);
        }

        public Builder slack(SlackOptions options) {
            slack = Optional.of(options);
            return this;
        }

        public Builder discord(DiscordBot.Connection connection) {
            discord = Optional.of(connection);
            return this;
        }

        /** A chat port that only takes posts, such as a recording fake. */
        public Builder chat(ChatPort chat) {
            others.add(chat);
            return this;
        }

        public Builder replica(String name) {
            replica = name;
            return this;
        }

        /** The job loops run, on the clock, looking for other replicas' work every {@code poll}. */
        public Builder runningLoops(Duration poll) {
            this.poll = poll;
            this.runLoops = true;
            return this;
        }

        /**
         * Posts go out without the platforms' pace per channel: for a world whose test clock runs hours in a moment,
         * where a pace kept in real time would only make the test wait (a second a post past the first four in a
         * channel). The pace is proven by {@code delivery}'s tests and, end to end, by {@code SlackSafetyTest}.
         */
        public Builder unpaced() {
            pacer = ChannelPacer.unpaced();
            return this;
        }

        /**
         * Starts the bot.
         *
         * @throws IllegalStateException as {@code main} would fail, with nothing left running (the store closed)
         */
        public AssembledBot start() throws IOException {
            var assembly = Assembly.start(new Assembly.Inputs(
                    config,
                    clock,
                    PrometheusMetrics.withJvmMetrics(),
                    store,
                    new Assembly.ChatPlatforms(slack, discord, others, pacer),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    replica,
                    poll,
                    runLoops,
                    () -> {}));
            return new AssembledBot(assembly);
        }
    }

    public Stores stores() {
        return assembly.stores();
    }

    public EscalationDesk desk() {
        return assembly.desk();
    }

    public ChatCommands commands() {
        return assembly.commands();
    }

    public SlackBot slack() {
        return assembly.slack().orElseThrow(() -> new IllegalStateException("Slack was not asked for"));
    }

    public DiscordBot discord() {
        return assembly.discord().orElseThrow(() -> new IllegalStateException("Discord was not asked for"));
    }

    public DeliverEffects delivery() {
        return assembly.delivery();
    }

    public FireDueSteps steps() {
        return assembly.steps();
    }

    public PostWeeklyDigests digests() {
        return assembly.digests();
    }

    /** People's actions on their way in: recorded, then carried out. */
    public RecordedActions actions() {
        return assembly.actions();
    }

    /** The job that carries out recorded actions left by a crash or a failed effect. */
    public CarryOutRecordedActions recordedActions() {
        return assembly.recordedActions();
    }

    public int httpPort() {
        return assembly.httpPort();
    }

    @Override
    public void close() {
        assembly.close();
    }
}
