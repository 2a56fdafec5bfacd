package dev.escalator.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.Markup;
import dev.escalator.chat.Narrator;
import dev.escalator.chat.RecordedActions;
import dev.escalator.config.Config;
import dev.escalator.core.Platform;
import dev.escalator.http.HttpService;
import dev.escalator.http.ReadinessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalator on Slack: one Bolt app with its listeners ({@code /escalate}, the form, reactions, buttons), served over
 * HTTP ({@link #mount}) or Socket Mode, and the chat port delivery posts through. Starting checks the bot token with
 * {@code auth.test}, which also says the bot's own user id, whose reactions are ignored.
 *
 * <p>A token Slack refuses stops the start: that needs a person. Slack out of reach does not: the bot starts without
 * Slack (not ready on {@code /readyz}, its posts queued) and keeps signing in in the background, so a Slack outage
 * during a restart neither keeps Discord and the timers down nor sends the pod into a crash loop.
 */
public final class SlackBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
    static final Duration FIRST_SIGN_IN_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_SIGN_IN_RETRY = Duration.ofMinutes(1);

    private final Slack slack;
    private final App app;
    private final SlackChat chat;
    private final SlackWorkers workers;
    private final AtomicReference<String> botUserId = new AtomicReference<>();
    private volatile Optional<SocketModeConnection> socketMode = Optional.empty();
    private volatile boolean closed;
    private Optional<Thread> signingIn = Optional.empty();

    private SlackBot(Slack slack, App app, SlackChat chat, SlackWorkers workers) {
        this.slack = slack;
        this.app = app;
        this.chat = chat;
        this.workers = workers;
    }

    /**
     * Checks the token and builds the app; in Socket Mode also connects. HTTP mode needs {@link #mount} afterwards.
     * {@code answers} hears of each private answer to a user (ephemeral message, response_url, form).
     *
     * @throws IllegalStateException when Slack refuses the token
     */
    public static SlackBot start(
            SlackOptions options, Config config, ChatCommands commands, RecordedActions actions, ChatCalls answers) {
        var slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(options.methodsUrl());
        // the SDK's call statistics run a background thread for nothing the bot reads
        slackConfig.setStatsEnabled(false);
        // bounded all in, so that a post in flight lands before another replica may take over its delivery claim
        slackConfig.setHttpClientCallTimeoutMillis((int) ChatPort.CALL_TIME_OUT.toMillis());
        Slack slack = Slack.getInstance(slackConfig);
        var api = new SlackWebApi(slack, options.botToken(), answers);
        var workers = new SlackWorkers();
        try {
            Optional<String> signedIn = signIn(api);
            var appConfig = appConfig(options, slack);
            var app = new App(appConfig, slack, middleware(appConfig, options));
            var narrator = new Narrator(config.directory(), config.reactions(), Markup.SLACK);
            var bot = new SlackBot(slack, app, new SlackChat(api, narrator), workers);
            var responses = new ResponseUrl(slack, answers);
            var command = new EscalateCommand(commands, actions, config, api, responses, workers);
            var form = new FormSubmissions(commands, actions, api, workers);
            var reactions = new ReactionEvents(commands, actions, api, workers, bot.botUserId::get);
            var buttons = new ButtonPresses(actions, responses, workers);
            // an action taken over after a crash is answered in the channel it was taken in
            actions.answerWith(
                    Platform.SLACK, (entry, answer) -> ReactionEvents.answer(api, entry, SlackAnswers.text(answer)));
            app.command(EscalateCommand.COMMAND, command::handle);
            app.viewSubmission(EscalationForm.CALLBACK_ID, form::handle);
            app.event(ReactionAddedEvent.class, reactions::handle);
            app.blockAction(Pattern.compile(Pattern.quote(RootMessage.ACTION_PREFIX) + ".+"), buttons::handle);
            app.start();
            if (signedIn.isPresent()) {
                bot.connect(signedIn.get(), options);
            } else {
                bot.keepSigningIn(api, options);
            }
            return bot;
        } catch (ChatFailure e) {
            closeQuietly(workers, slack);
            throw new IllegalStateException("Slack refused the bot token: " + e.getMessage(), e);
        } catch (Exception e) {
            closeQuietly(workers, slack);
            throw new IllegalStateException("Slack did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Bolt's settings for the one workspace of the bot's token. Bolt's {@code auth.test} answer is kept for good, not
     * for Bolt's default 10 minutes: when it expired, every request that arrived before a new answer came back called
     * {@code auth.test} itself, on the request's thread, before its handler ran. In the ack benchmark (issue #17) that
     * was hundreds of calls and seconds of stalled answers once every 10 minutes, at whatever rate was running then.
     * What the answer says (the workspace, the bot's user id) does not change for one token; a token revoked meanwhile
     * fails the bot's own Web API calls, which say so in the log.
     */
    static AppConfig appConfig(SlackOptions options, Slack slack) {
        return AppConfig.builder()
                .singleTeamBotToken(options.botToken())
                .signingSecret(options.signingSecret().orElse(null))
                .slack(slack)
                .authTestCacheExpirationMillis(AUTH_TEST_KEPT_FOR_GOOD)
                .build();
    }

    /** Bolt's {@code authTestCacheExpirationMillis} below zero: its {@code auth.test} answer never expires. */
    static final long AUTH_TEST_KEPT_FOR_GOOD = -1;

    /**
     * Bolt's default middleware but one, built here because Bolt's own building signs in with {@code auth.test} at
     * {@code start()} and fails the start when Slack cannot be reached. Requests are checked by {@link SignatureCheck}
     * (constant time, no future timestamps); the workspace is looked up with {@code auth.test} on the first request
     * (Slack answers by then, since it sent the request) and cached as Bolt does. Not Bolt's {@code
     * IgnoringSelfEvents}: the one event the bot subscribes to is {@code reaction_added}, whose handler ignores the
     * bot's own reactions itself ({@link ReactionEvents}), and the middleware parsed every event's body once more to
     * look for them (issue #17: the ack path's CPU per request).
     */
    private static List<Middleware> middleware(AppConfig appConfig, SlackOptions options) {
        var middleware = new ArrayList<Middleware>();
        // Socket Mode envelopes carry no signature (the app token authenticates the socket): Bolt lets them pass
        options.signingSecret()
                .ifPresent(secret -> middleware.add(new RequestVerification(new SignatureCheck(secret))));
        middleware.add(new SingleTeamAuthorization(appConfig, null));
        return middleware;
    }

    /** The bot's user id; empty when Slack cannot be reached now. Throws when Slack refuses the token. */
    private static Optional<String> signIn(SlackWebApi api) {
        try {
            return Optional.of(api.botUserId());
        } catch (ChatFailure e) {
            if (e.permanent()) {
                throw e;
            }
            log.warn(
                    "slack: cannot reach Slack ({}); starting without it and signing in in the background",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Signed in: remember who the bot is and, in Socket Mode, open the socket; not once the bot is closed. */
    private synchronized void connect(String userId, SlackOptions options) throws Exception {
        if (closed) {
            return;
        }
        if (options.socketMode()) {
            socketMode = Optional.of(
                    SocketModeConnection.open(app, options.appToken().orElseThrow()));
        }
        botUserId.set(userId);
        log.info("slack: signed in as bot user {} ({})", userId, options);
    }

    /** Retries the sign-in, waiting longer each time up to a minute, until it works, Slack refuses, or the bot stops. */
    private synchronized void keepSigningIn(SlackWebApi api, SlackOptions options) {
        signingIn = Optional.of(Thread.ofVirtual().name("slack-sign-in").start(() -> {
            Duration wait = FIRST_SIGN_IN_RETRY;
            while (!closed) {
                try {
                    Thread.sleep(wait);
                    connect(api.botUserId(), options);
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (ChatFailure e) {
                    if (e.permanent()) {
                        log.error(
                                "slack: Slack refused the bot token; Slack stays off until a restart: {}",
                                e.getMessage());
                        return;
                    }
                    log.warn(
                            "slack: still cannot reach Slack ({}); next try in {} s", e.getMessage(), wait.toSeconds());
                } catch (Exception e) {
                    log.warn(
                            "slack: Socket Mode did not connect ({}); next try in {} s",
                            e.getMessage(),
                            wait.toSeconds());
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_SIGN_IN_RETRY) > 0
                        ? LONGEST_SIGN_IN_RETRY
                        : wait.multipliedBy(2);
            }
        }));
    }

    /** HTTP mode: {@code POST /slack/events} takes commands, events and interactivity. */
    public void mount(HttpService http) {
        http.mount("POST", SlackEndpoint.PATH, new SlackEndpoint(app));
    }

    public ChatPort chat() {
        return chat;
    }

    /** Ready once Slack accepted the token, and in Socket Mode while the socket is up. */
    public ReadinessCheck readiness() {
        return ReadinessCheck.of(
                "slack",
                () -> botUserId.get() != null
                        && socketMode.map(SocketModeConnection::connected).orElse(true));
    }

    /** No request's work is still running. */
    boolean idle() {
        return workers.idle();
    }

    /** Stops Socket Mode, lets work in flight finish for a few seconds, and closes the HTTP client. Safe twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        signingIn.ifPresent(Thread::interrupt);
        socketMode.ifPresent(SocketModeConnection::close);
        app.stop();
        closeQuietly(workers, slack);
        log.info("slack: stopped");
    }

    private static void closeQuietly(SlackWorkers workers, Slack slack) {
        workers.close();
        try {
            slack.close();
        } catch (Exception e) {
            log.warn("slack: HTTP client did not close cleanly: {}", e.getMessage());
        }
    }
}
