package dev.escalator.discord;

import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.RecordedActions;
import dev.escalator.config.Config;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.InboundEvents;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalator on Discord: the JDA client, its listener and the chat port delivery posts through. Starting it logs in and
 * connects in the background; {@code /escalate} is registered once the gateway is ready (on {@code DISCORD_GUILD_ID}
 * at once, else globally, which Discord may take a while to show).
 */
public final class DiscordBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * Reactions need {@code GUILD_MESSAGE_REACTIONS}; slash commands, buttons and forms need no intent (JDA always
     * asks for guild events, which fill its channel cache). Nothing privileged.
     */
    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGE_REACTIONS);

    /** What the invite URL asks for: read and post in the channel and its threads, react, and the command. */
    static final EnumSet<Permission> PERMISSIONS = EnumSet.of(
            Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND,
            Permission.CREATE_PUBLIC_THREADS,
            Permission.MESSAGE_SEND_IN_THREADS,
            Permission.MESSAGE_ADD_REACTION,
            Permission.MESSAGE_HISTORY,
            Permission.USE_APPLICATION_COMMANDS);

    /** How to reach Discord: the token, and REST and gateway elsewhere than Discord's own (tests, proxies). */
    public record Connection(String token, Optional<URI> apiUrl, Optional<URI> gatewayUrl, Optional<String> guildId) {
        public Connection {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(gatewayUrl, "gatewayUrl");
            Objects.requireNonNull(guildId, "guildId");
        }

        @Override
        public String toString() {
            return "Connection[token=****, api=%s, gateway=%s, guild=%s]".formatted(apiUrl, gatewayUrl, guildId);
        }
    }

    /** The first wait before signing in again when Discord could not be reached; it doubles up to the longest. */
    static final Duration FIRST_SIGN_IN_RETRY = Duration.ofSeconds(1);

    static final Duration LONGEST_SIGN_IN_RETRY = Duration.ofMinutes(1);

    private final JDABuilder builder;
    private final ExecutorService work;
    private final DiscordChat chat;
    private final AtomicReference<JDA> jda = new AtomicReference<>();
    private volatile boolean closed;
    private Optional<Thread> signingIn = Optional.empty();

    private DiscordBot(JDABuilder builder, ExecutorService work, Config config) {
        this.builder = builder;
        this.work = work;
        this.chat = new DiscordChat(() -> Optional.ofNullable(jda.get()), config.directory(), config.reactions());
    }

    /**
     * Logs in (one REST call, so a bad token fails here) and connects to the gateway in the background. When Discord
     * cannot be reached the bot starts without it (not ready, its posts waiting) and keeps logging in, waiting one
     * second and then twice as long each time up to a minute; the gateway reconnects on its own, also within a minute.
     * {@code answers} hears of each answer to a user (an ephemeral reply, a reply in the thread).
     *
     * @throws IllegalStateException when Discord refuses the token
     */
    public static DiscordBot start(
            Connection connection,
            Config config,
            ChatCommands commands,
            RecordedActions actions,
            InboundEvents inbound,
            EscalationStore store,
            ChatCalls answers) {
        // JDA lets a message ping @everyone unless told otherwise; every message of ours says whom it pings anyway
        MessageRequest.setDefaultMentions(EnumSet.of(Message.MentionType.USER));
        ExecutorService work = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("discord-", 0).factory());
        // light: no member cache and no cache flags; only guilds, channels and threads are kept
        var builder = JDABuilder.createLight(connection.token(), INTENTS)
                .setEnableShutdownHook(false)
                .setMaxReconnectDelay((int) LONGEST_SIGN_IN_RETRY.toSeconds())
                .addEventListeners(
                        new DiscordListener(
                                commands,
                                actions,
                                inbound,
                                store,
                                work,
                                new MissedReactionsOnDiscord(store, config.reactions()),
                                answers,
                                new ServedGuilds(connection.guildId(), config)),
                        new Registration(config, connection.guildId()));
        // each call of the chat port ends within its time-out, JDA's retries included: a post lands within it or not
        // at all (CallDeadline, docs/operations.md "Slow replicas")
        var rest = new RestConfig().setCustomBuilder(CallDeadline::stamp);
        connection.apiUrl().ifPresent(api -> rest.setBaseUrl(api.toString()));
        builder.setRestConfig(rest).setHttpClientBuilder(CallDeadline.client());
        connection
                .gatewayUrl()
                .ifPresent(gateway -> builder.setSessionController(new FixedGateway(gateway))
                        // a gateway stand-in (a test, a proxy) speaks plain JSON
                        .setCompression(Compression.NONE));
        var bot = new DiscordBot(builder, work, config);
        try {
            if (!bot.logIn()) {
                bot.keepLoggingIn();
            }
            return bot;
        } catch (InvalidTokenException e) {
            work.close();
            throw new IllegalStateException("Discord refused the bot token (401): check DISCORD_BOT_TOKEN", e);
        }
    }

    /** True once logged in; false when Discord cannot be reached now. Throws when Discord refuses the token. */
    private synchronized boolean logIn() {
        if (closed) {
            return true;
        }
        try {
            jda.set(builder.build());
            return true;
        } catch (InvalidTokenException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn(
                    "Discord: cannot reach Discord ({}); starting without it and logging in in the background",
                    e.toString());
            return false;
        }
    }

    private synchronized void keepLoggingIn() {
        signingIn = Optional.of(Thread.ofVirtual().name("discord-log-in").start(() -> {
            Duration wait = FIRST_SIGN_IN_RETRY;
            try {
                while (!closed) {
                    Thread.sleep(wait);
                    if (logIn()) {
                        return;
                    }
                    log.warn(
                            "Discord: still cannot reach Discord; next try in {} s",
                            wait.multipliedBy(2).toSeconds());
                    wait = wait.multipliedBy(2).compareTo(LONGEST_SIGN_IN_RETRY) > 0
                            ? LONGEST_SIGN_IN_RETRY
                            : wait.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                // the bot is stopping
            } catch (InvalidTokenException e) {
                log.error("Discord refused the bot token (401); Discord stays off until a restart");
            }
        }));
    }

    public ChatPort chat() {
        return chat;
    }

    /** True while the gateway is connected: the readiness check. */
    public boolean connected() {
        JDA client = jda.get();
        return client != null && client.getStatus() == JDA.Status.CONNECTED;
    }

    /** Stops taking events, lets started work finish, then closes the connection, within a bound. */
    @Override
    public void close() {
        Optional<JDA> client;
        synchronized (this) {
            closed = true;
            signingIn.ifPresent(Thread::interrupt);
            client = Optional.ofNullable(jda.get());
        }
        client.ifPresent(JDA::shutdown);
        work.shutdown();
        try {
            if (!work.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                work.shutdownNow();
            }
            if (client.isPresent() && !client.get().awaitShutdown(STOP_WAIT)) {
                client.get().shutdownNow();
            }
        } catch (InterruptedException e) {
            client.ifPresent(JDA::shutdownNow);
            work.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the command when the gateway is ready and says where to invite the bot. */
    private static final class Registration extends ListenerAdapter {
        private final Config config;
        private final Optional<String> guildId;

        Registration(Config config, Optional<String> guildId) {
            this.config = config;
            this.guildId = guildId;
        }

        @Override
        public void onReady(ReadyEvent event) {
            JDA jda = event.getJDA();
            jda.setRequiredScopes("applications.commands");
            log.info("Discord connected. Invite the bot with {}", jda.getInviteUrl(PERMISSIONS));
            var definition =
                    EscalateCommand.definition(config.directory().paths().keySet());
            var guild = guildId.map(jda::getGuildById);
            if (guildId.isPresent() && guild.isEmpty()) {
                log.error("Discord: the bot is not in guild {} (DISCORD_GUILD_ID); invite it first", guildId.get());
                return;
            }
            var update = guild.map(g -> g.updateCommands()).orElseGet(jda::updateCommands);
            update.addCommands(definition)
                    .queue(
                            done -> log.info(
                                    "Discord: /escalate registered {}",
                                    guildId.map(id -> "on guild " + id).orElse("globally (may take up to an hour)")),
                            e -> log.error("Discord: registering /escalate failed: {}", e.getMessage()));
        }
    }

    /** The gateway at a fixed address instead of Discord's. */
    private static final class FixedGateway extends ConcurrentSessionController {
        private final String url;

        FixedGateway(URI url) {
            this.url = url.toString();
        }

        @Override
        public String getGateway() {
            return url;
        }
    }
}
