package dev.escalator.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.Answer;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatRequest;
import dev.escalator.chat.CommandLine;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.Recording;
import dev.escalator.chat.TextLimit;
import dev.escalator.config.Config;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /escalate}: the text goes through {@link CommandLine}. A command that changes something is first recorded
 * ({@link RecordedActions}: keyed by who typed what where, within a couple of minutes, so typing it again after a
 * "try again" is safe), then carried out by {@link ChatCommands} on a worker; one that only reads is handed to the
 * worker at once. An answer ready within {@link #ACK_BUDGET} of the request goes back with the acknowledgement
 * itself; a slower one is acknowledged empty and follows through the {@code response_url}, so Slack always hears back
 * within 3 s. Not recorded within the budget: the person is told so, and that trying again is safe. Slash commands
 * carry no thread, so there is no escalation to take from context.
 */
final class EscalateCommand {
    static final String COMMAND = "/escalate";
    /** From the request's arrival, recording included: well inside Slack's 3 s, with room for the network. */
    static final Duration ACK_BUDGET = Duration.ofMillis(2500);

    static final String IN_HAND =
            "You sent this same command a moment ago; it is being carried out, once. You will see it in the channel.";
    /** Typed again once done: it may have been refused then, so this says only that it was handled and answered. */
    static final String ALREADY_DONE = "You sent this same command a moment ago and Escalator handled it then (see"
            + " its answer); it was not done again. `/escalate status ESC-12` shows where an escalation stands.";

    private static final Logger log = LoggerFactory.getLogger(EscalateCommand.class);

    private final ChatCommands commands;
    private final RecordedActions actions;
    private final Config config;
    private final SlackWebApi api;
    private final ResponseUrl responses;
    private final SlackWorkers workers;

    EscalateCommand(
            ChatCommands commands,
            RecordedActions actions,
            Config config,
            SlackWebApi api,
            ResponseUrl responses,
            SlackWorkers workers) {
        this.commands = commands;
        this.actions = actions;
        this.config = config;
        this.api = api;
        this.responses = responses;
        this.workers = workers;
    }

    Response handle(SlashCommandRequest request, SlashCommandContext context) {
        long arrived = System.nanoTime();
        SlashCommandPayload payload = request.getPayload();
        if (isBlank(payload.getUserId()) || isBlank(payload.getChannelId())) {
            // Slack always sends both; without them there is nobody to answer and no channel to act in
            log.warn("slack: refused /escalate without a user or channel id");
            return Response.builder()
                    .statusCode(400)
                    .contentType("text/plain; charset=utf-8")
                    .body("user_id and channel_id are required")
                    .build();
        }
        var user = new ChatUser(Platform.SLACK, payload.getUserId());
        var channel = new ChannelRef(Platform.SLACK, payload.getChannelId());
        String typed = Optional.ofNullable(payload.getText()).orElse("");
        ChatRequest parsed = CommandLine.parse(typed);
        if (log.isDebugEnabled()) {
            // not a line per request: a change is logged where it is stored (EscalationDesk, with the escalation's
            // id), and reads and repeats change nothing; the log thread alone took about 8 % of the bot's CPU on the
            // ack path (#17)
            log.debug("slack: {} by {} in {}", parsed.getClass().getSimpleName(), user.userId(), channel.channelId());
        }
        Supplier<Answer> work = () -> commands.handle(parsed, user, channel, Optional.empty());
        if (RecordedActions.changesSomething(parsed)) {
            InboxEntry entry = actions.command(
                    actions.retypeKey("slack:command", user, channel, typed), user, channel, typed, Optional.empty());
            switch (actions.record(entry)) {
                case Recording.Recorded recorded -> work = () -> carryOut(entry);
                case Recording.AlreadyRecorded again
                when !again.done() ->
                    work = () ->
                            actions.takeOver(entry.key()).map(this::carryOut).orElseGet(() -> new Answer.Text(IN_HAND));
                case Recording.AlreadyRecorded done -> {
                    return SlackAnswers.privately(ALREADY_DONE);
                }
                case Recording.NotRecorded failed -> {
                    return SlackAnswers.privately(RecordedActions.NOT_RECORDED);
                }
            }
        }
        Supplier<Answer> chosen = work;
        CompletableFuture<Answer> answer = workers.submit(() -> {
            try (var logContext = LogContext.of()
                    .platform(Platform.SLACK)
                    .user(user.userId())
                    .action(parsed.getClass().getSimpleName().toLowerCase(Locale.ROOT))) {
                return chosen.get();
            }
        });
        try {
            long left = ACK_BUDGET.toNanos() - (System.nanoTime() - arrived);
            return switch (answer.get(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                case Answer.Text text -> SlackAnswers.privately(TextLimit.SLACK_MESSAGE.cut(text.text()));
                case Answer.ShowForm ignored -> {
                    openForm(payload, user);
                    yield context.ack();
                }
            };
        } catch (TimeoutException e) {
            String url = payload.getResponseUrl();
            var unused = answer.whenComplete(
                    (late, failure) -> workers.run("late answer", () -> answerLate(url, late, failure)));
            return context.ack();
        } catch (ExecutionException e) {
            log.error("slack: /escalate by {} failed", user.userId(), e.getCause());
            return SlackAnswers.privately(SlackAnswers.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return context.ack();
        }
    }

    /** A recorded command; an empty answer cannot come from a command, so it reads as "done". */
    private Answer carryOut(InboxEntry entry) {
        return actions.carryOut(entry).orElseGet(() -> new Answer.Text(ALREADY_DONE));
    }

    private void answerLate(String url, Answer late, Throwable failure) {
        if (failure != null) {
            log.error("slack: /escalate failed", failure);
            responses.answer(url, SlackAnswers.FAILED);
        } else if (late instanceof Answer.Text text) {
            responses.answer(url, text.text());
        }
    }

    /** The modal, opened with the command's trigger, which Slack honours for 3 s: so off the request, but at once. */
    private void openForm(SlashCommandPayload payload, ChatUser user) {
        var channel = new ChannelRef(Platform.SLACK, payload.getChannelId());
        List<PathId> paths = config.directory().paths().keySet().stream()
                .sorted(Comparator.comparing(PathId::value))
                .toList();
        var view = EscalationForm.modal(channel.channelId(), paths, config.pathFor(channel));
        workers.run("opening the form", () -> {
            try {
                api.openView(payload.getTriggerId(), view);
                log.info("slack: form opened for {}", user.userId());
            } catch (ChatFailure failure) {
                log.warn("slack: form not opened for {}: {}", user.userId(), failure.getMessage());
                responses.answer(payload.getResponseUrl(), SlackAnswers.NO_FORM);
            }
        });
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
