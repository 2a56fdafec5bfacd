package dev.escalator.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.FormInput;
import dev.escalator.chat.FormProblem;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.Recording;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The form was submitted: a field that cannot be used keeps the modal open with the reason next to it; otherwise the
 * submission is recorded (keyed by the modal and what was typed, so a double submit records it once) before Slack hears
 * 200, the modal closes, the escalation is opened on a worker, and the answer goes privately into the channel the
 * command was typed in (a modal has no {@code response_url}). Not recorded within the budget: the modal stays open
 * and says so, and submitting again is safe.
 */
final class FormSubmissions {
    private static final Logger log = LoggerFactory.getLogger(FormSubmissions.class);

    private final ChatCommands commands;
    private final RecordedActions actions;
    private final SlackWebApi api;
    private final SlackWorkers workers;

    FormSubmissions(ChatCommands commands, RecordedActions actions, SlackWebApi api, SlackWorkers workers) {
        this.commands = commands;
        this.actions = actions;
        this.api = api;
        this.workers = workers;
    }

    Response handle(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String channelId = payload.getView().getPrivateMetadata();
        if (channelId == null || channelId.isBlank()) {
            return context.ack();
        }
        var user = new ChatUser(Platform.SLACK, payload.getUser().getId());
        var channel = new ChannelRef(Platform.SLACK, channelId);
        FormInput input = EscalationForm.submitted(payload.getView());
        // checking reads nothing from the store, so it fits in the request: the modal stays open and shows why
        Optional<FormProblem> problem = commands.check(input);
        if (problem.isPresent()) {
            return context.ackWithErrors(Map.of(
                    EscalationForm.blockId(problem.get().field()), problem.get().message()));
        }
        String key = "slack:form:" + payload.getView().getId() + ":" + user.userId() + ":"
                + Integer.toHexString(Objects.hash(
                        input.title(),
                        input.whatIsWrong(),
                        input.impact(),
                        input.tried(),
                        input.helpNeeded(),
                        input.decisionBy(),
                        input.severity(),
                        input.path()));
        InboxEntry entry = actions.form(key, user, channel, input);
        switch (actions.record(entry)) {
            case Recording.Recorded recorded -> workers.run("form submission", () -> submit(entry));
            case Recording.AlreadyRecorded again
            when !again.done() ->
                workers.run(
                        "form submission", () -> actions.takeOver(entry.key()).ifPresent(this::submit));
            case Recording.AlreadyRecorded done -> log.info("slack: form {} already handled, dropped", entry.key());
            case Recording.NotRecorded failed -> {
                return context.ackWithErrors(
                        Map.of(EscalationForm.blockId(FormInput.Field.TITLE), RecordedActions.NOT_RECORDED));
            }
        }
        return context.ack();
    }

    private void submit(InboxEntry entry) {
        try (var logContext = LogContext.of()
                .platform(Platform.SLACK)
                .user(entry.user().userId())
                .action("form")) {
            log.info("slack: form submitted by {} in {}", entry.user().userId(), entry.field("channel"));
            actions.carryOut(entry).ifPresent(answer -> ReactionEvents.answer(api, entry, SlackAnswers.text(answer)));
        }
    }
}
