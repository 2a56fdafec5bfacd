package dev.escalator.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.FormInput;
import dev.escalator.chat.FormProblem;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The form was submitted: a field that cannot be used keeps the modal open with the reason next to it; otherwise the
 * modal closes at once, the escalation is opened on a worker, and the answer goes privately into the channel the
 * command was typed in (a modal has no {@code response_url}).
 */
final class FormSubmissions {
    private static final Logger log = LoggerFactory.getLogger(FormSubmissions.class);

    private final ChatCommands commands;
    private final SlackWebApi api;
    private final SlackWorkers workers;

    FormSubmissions(ChatCommands commands, SlackWebApi api, SlackWorkers workers) {
        this.commands = commands;
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
        workers.run("form submission", () -> {
            try (var logContext =
                    LogContext.of().platform(Platform.SLACK).user(user.userId()).action("form")) {
                log.info("slack: form submitted by {} in {}", user.userId(), channelId);
                var answer = commands.submit(input, user, channel);
                try {
                    api.postEphemeral(channelId, user.userId(), SlackAnswers.text(answer));
                } catch (ChatFailure failure) {
                    log.warn("slack: private answer to {} not posted: {}", user.userId(), failure.getMessage());
                }
            }
        });
        return context.ack();
    }
}
