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
import dev.escalator.chat.TextLimit;
import dev.escalator.config.Config;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /escalate}: the text goes through {@link CommandLine} to {@link ChatCommands} on a worker. An answer ready
 * within {@link #ACK_BUDGET} goes back with the acknowledgement itself; a slower one (the store is slow or away) is
 * acknowledged empty and follows through the {@code response_url}, so Slack always hears back within 3 s. Slash
 * commands carry no thread, so there is no escalation to take from context.
 */
final class EscalateCommand {
    static final String COMMAND = "/escalate";
    /** Well inside Slack's 3 s, with room for the network both ways. */
    static final Duration ACK_BUDGET = Duration.ofMillis(1500);

    private static final Logger log = LoggerFactory.getLogger(EscalateCommand.class);

    private final ChatCommands commands;
    private final Config config;
    private final SlackWebApi api;
    private final ResponseUrl responses;
    private final SlackWorkers workers;

    EscalateCommand(
            ChatCommands commands, Config config, SlackWebApi api, ResponseUrl responses, SlackWorkers workers) {
        this.commands = commands;
        this.config = config;
        this.api = api;
        this.responses = responses;
        this.workers = workers;
    }

    Response handle(SlashCommandRequest request, SlashCommandContext context) {
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
        ChatRequest parsed =
                CommandLine.parse(Optional.ofNullable(payload.getText()).orElse(""));
        log.info("slack: {} by {} in {}", parsed.getClass().getSimpleName(), user.userId(), channel.channelId());
        CompletableFuture<Answer> answer = workers.submit(() -> {
            try (var logContext = LogContext.of()
                    .platform(Platform.SLACK)
                    .user(user.userId())
                    .action(parsed.getClass().getSimpleName().toLowerCase(Locale.ROOT))) {
                return commands.handle(parsed, user, channel, Optional.empty());
            }
        });
        try {
            return switch (answer.get(ACK_BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                case Answer.Text text ->
                    context.ack(r -> r.responseType("ephemeral").text(TextLimit.SLACK_MESSAGE.cut(text.text())));
                case Answer.ShowForm ignored -> {
                    openForm(payload, user);
                    yield context.ack();
                }
            };
        } catch (TimeoutException e) {
            String url = payload.getResponseUrl();
            answer.whenComplete((late, failure) -> workers.run("late answer", () -> answerLate(url, late, failure)));
            return context.ack();
        } catch (ExecutionException e) {
            log.error("slack: /escalate by {} failed", user.userId(), e.getCause());
            return context.ack(r -> r.responseType("ephemeral").text(SlackAnswers.FAILED));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return context.ack();
        }
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
