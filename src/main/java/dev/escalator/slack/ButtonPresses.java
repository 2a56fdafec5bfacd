package dev.escalator.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.Recording;
import dev.escalator.core.Action;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root message's buttons: a press is recorded under its {@code action_ts} and user (a retried delivery of the same
 * click records nothing new) before Slack hears 200, then carried out on a worker, with the answer through the
 * action's {@code response_url}. Not recorded within the budget: the person is told so at once, and that pressing again
 * is safe.
 */
final class ButtonPresses {
    private static final Logger log = LoggerFactory.getLogger(ButtonPresses.class);

    private final RecordedActions actions;
    private final ResponseUrl responses;
    private final SlackWorkers workers;

    ButtonPresses(RecordedActions actions, ResponseUrl responses, SlackWorkers workers) {
        this.actions = actions;
        this.responses = responses;
        this.workers = workers;
    }

    Response handle(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        if (payload.getActions() == null || payload.getActions().isEmpty()) {
            return context.ack();
        }
        BlockActionPayload.Action pressed = payload.getActions().getFirst();
        Optional<Action> action = RootMessage.action(pressed.getActionId());
        Optional<EscalationId> id = Optional.ofNullable(pressed.getValue()).flatMap(EscalationId::parse);
        if (action.isEmpty() || id.isEmpty()) {
            return context.ack();
        }
        var user = new ChatUser(Platform.SLACK, payload.getUser().getId());
        String channelId =
                payload.getChannel() == null ? "" : payload.getChannel().getId();
        String url = payload.getResponseUrl();
        InboxEntry entry = actions.press(
                "slack:press:" + pressed.getActionTs() + ":" + user.userId(),
                user,
                new ChannelRef(Platform.SLACK, channelId),
                id.get(),
                action.get());
        switch (actions.record(entry)) {
            case Recording.Recorded recorded -> workers.run("button " + entry.key(), () -> press(entry, url));
            case Recording.AlreadyRecorded again
            when !again.done() ->
                workers.run(
                        "button " + entry.key(),
                        () -> actions.takeOver(entry.key())
                                .ifPresentOrElse(
                                        taken -> press(taken, url),
                                        () -> log.info("slack: press {} already in hand", entry.key())));
            case Recording.AlreadyRecorded done -> log.info("slack: press {} already handled, dropped", entry.key());
            case Recording.NotRecorded failed ->
                workers.run("button " + entry.key(), () -> responses.answer(url, RecordedActions.NOT_RECORDED));
        }
        return context.ack();
    }

    private void press(InboxEntry entry, String url) {
        try (var logContext = LogContext.of()
                .platform(Platform.SLACK)
                .user(entry.user().userId())
                .action(entry.field("action").toLowerCase(java.util.Locale.ROOT))) {
            log.info(
                    "slack: {} {} pressed by {}",
                    entry.field("escalation"),
                    entry.field("action"),
                    entry.user().userId());
            actions.carryOut(entry).ifPresent(answer -> responses.answer(url, SlackAnswers.text(answer)));
        }
    }
}
