package dev.escalator.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.BeforeAnswer;
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
 * The root message's buttons: a press is carried out before Slack hears 200 ({@link
 * RecordedActions#carryOutBeforeAnswer}: its effect and its key are one guarded write on the escalation, its record),
 * with the answer through the action's {@code response_url} afterwards, on a worker; when the store fails meanwhile it
 * is recorded in the inbox and carried out on a worker, as before. Neither within the budget: the person is told so at
 * once, and that pressing again is safe. It is: a press is keyed by what the person did (who pressed which button on which message,
 * within {@link RecordedActions#retypeKey}'s window), not by its {@code action_ts}, which is new on every click, as
 * Discord's presses are; so pressing again after "try again" finds the first press if the store took it after all and
 * acts once (a second ⬆️ does not skip a level), a double click acts once, and a deliberate press minutes later acts
 * again.
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
        var channel = new ChannelRef(Platform.SLACK, channelId);
        InboxEntry entry = actions.press(
                actions.retypeKey(
                        "slack:press", user, channel, pressed.getActionId() + "@" + message(payload, id.get())),
                user,
                channel,
                id.get(),
                action.get());
        switch (actions.carryOutBeforeAnswer(entry)) {
            case BeforeAnswer.CarriedOut carried -> {
                logPress(entry);
                carried.answer()
                        .ifPresent(answer -> workers.run(
                                "button " + entry.key(), () -> responses.answer(url, SlackAnswers.text(answer))));
            }
            case BeforeAnswer.InInbox inInbox -> recorded(entry, inInbox.recording(), url);
        }
        return context.ack();
    }

    /** The message pressed on: its {@code ts} when Slack sends it, else the escalation its buttons are for. */
    private static String message(BlockActionPayload payload, EscalationId id) {
        return Optional.ofNullable(payload.getContainer())
                .map(BlockActionPayload.Container::getMessageTs)
                .filter(ts -> !ts.isBlank())
                .orElse(id.toString());
    }

    /** A press the store failed to carry out before the answer, as recording it in the inbox came to. */
    private void recorded(InboxEntry entry, Recording recording, String url) {
        switch (recording) {
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
    }

    private void press(InboxEntry entry, String url) {
        logPress(entry);
        actions.carryOut(entry).ifPresent(answer -> responses.answer(url, SlackAnswers.text(answer)));
    }

    private static void logPress(InboxEntry entry) {
        try (var logContext = LogContext.of()
                .platform(Platform.SLACK)
                .user(entry.user().userId())
                .action(entry.field("action").toLowerCase(java.util.Locale.ROOT))) {
            log.info(
                    "slack: {} {} pressed by {}",
                    entry.field("escalation"),
                    entry.field("action"),
                    entry.user().userId());
        }
    }
}
