package dev.escalator.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.Markup;
import dev.escalator.chat.Narrator;
import dev.escalator.config.Config;
import dev.escalator.core.InboundEvents;
import dev.escalator.delivery.ChatCalls;
import dev.escalator.delivery.ChatFailure;
import dev.escalator.delivery.ChatPort;
import dev.escalator.http.HttpService;
import dev.escalator.http.ReadinessCheck;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalator on Slack: one Bolt app with its listeners ({@code /escalate}, the form, reactions, buttons), served over
 * HTTP ({@link #mount}) or Socket Mode, and the chat port delivery posts through. Starting checks the bot token with
 * {@code auth.test}, which also says the bot's own user id, whose reactions are ignored.
 */
public final class SlackBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);

    private final Slack slack;
    private final App app;
    private final SlackChat chat;
    private final SlackWorkers workers;
    private Optional<SocketModeConnection> socketMode = Optional.empty();
    private boolean closed;

    private SlackBot(Slack slack, App app, SlackChat chat, SlackWorkers workers) {
        this.slack = slack;
        this.app = app;
        this.chat = chat;
        this.workers = workers;
    }

    /**
     * Checks the token and builds the app; in Socket Mode also connects. HTTP mode needs {@link #mount} afterwards.
     *
     * @throws IllegalStateException when Slack refuses the token or cannot be reached
     */
    public static SlackBot start(SlackOptions options, Config config, ChatCommands commands, InboundEvents inbound) {
        return start(options, config, commands, inbound, ChatCalls.NONE);
    }

    /** As above; {@code answers} hears of each private answer to a user (ephemeral message, response_url, form). */
    public static SlackBot start(
            SlackOptions options, Config config, ChatCommands commands, InboundEvents inbound, ChatCalls answers) {
        var slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(options.methodsUrl());
        // the SDK's call statistics run a background thread for nothing the bot reads
        slackConfig.setStatsEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);
        var api = new SlackWebApi(slack.methods(options.botToken()), answers);
        var workers = new SlackWorkers();
        try {
            String botUserId = api.botUserId();
            var app = new App(AppConfig.builder()
                    .singleTeamBotToken(options.botToken())
                    .signingSecret(options.signingSecret().orElse(null))
                    .slack(slack)
                    .build());
            var narrator = new Narrator(config.directory(), Markup.SLACK);
            var bot = new SlackBot(slack, app, new SlackChat(api, narrator), workers);
            var responses = new ResponseUrl(slack, answers);
            var command = new EscalateCommand(commands, config, api, responses, workers);
            var form = new FormSubmissions(commands, api, workers);
            var reactions = new ReactionEvents(commands, inbound, api, workers, () -> botUserId);
            var buttons = new ButtonPresses(commands, inbound, responses, workers);
            app.command(EscalateCommand.COMMAND, command::handle);
            app.viewSubmission(EscalationForm.CALLBACK_ID, form::handle);
            app.event(ReactionAddedEvent.class, reactions::handle);
            app.blockAction(Pattern.compile(Pattern.quote(RootMessage.ACTION_PREFIX) + ".+"), buttons::handle);
            app.start();
            if (options.socketMode()) {
                bot.socketMode = Optional.of(
                        SocketModeConnection.open(app, options.appToken().orElseThrow()));
            }
            log.info("slack: signed in as bot user {} ({})", botUserId, options);
            return bot;
        } catch (ChatFailure e) {
            closeQuietly(workers, slack);
            throw new IllegalStateException("Slack refused the bot token or is unreachable: " + e.getMessage(), e);
        } catch (Exception e) {
            closeQuietly(workers, slack);
            throw new IllegalStateException("Slack did not start: " + e.getMessage(), e);
        }
    }

    /** HTTP mode: {@code POST /slack/events} takes commands, events and interactivity. */
    public void mount(HttpService http) {
        http.mount("POST", SlackEndpoint.PATH, new SlackEndpoint(app));
    }

    public ChatPort chat() {
        return chat;
    }

    /** Ready once the token was accepted at start, and in Socket Mode while the socket is up. */
    public ReadinessCheck readiness() {
        return ReadinessCheck.of(
                "slack", () -> socketMode.map(SocketModeConnection::connected).orElse(true));
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
