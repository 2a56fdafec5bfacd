package dev.escalator.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.ChatCommands;
import dev.escalator.core.Action;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.InboundEvents;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root message's buttons: acknowledged at once, then pressed once per {@code action_ts} and user (a retried
 * delivery of the same click), with the answer through the action's {@code response_url}.
 */
final class ButtonPresses {
    private static final Logger log = LoggerFactory.getLogger(ButtonPresses.class);

    private final ChatCommands commands;
    private final InboundEvents inbound;
    private final ResponseUrl responses;
    private final SlackWorkers workers;

    ButtonPresses(ChatCommands commands, InboundEvents inbound, ResponseUrl responses, SlackWorkers workers) {
        this.commands = commands;
        this.inbound = inbound;
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
        String key = "slack:press:" + pressed.getActionTs() + ":" + user.userId();
        workers.run("button " + pressed.getActionId(), () -> {
            try (var logContext = LogContext.of()
                    .platform(Platform.SLACK)
                    .user(user.userId())
                    .escalation(id.get())
                    .action(action.get().verb())) {
                if (!inbound.firstTime(key, ReactionEvents.REMEMBER)) {
                    log.info("slack: press {} by {} already handled, dropped", pressed.getActionTs(), user.userId());
                    return;
                }
                log.info("slack: {} {} pressed by {}", id.get(), action.get().command(), user.userId());
                var answer = commands.press(user, id.get(), action.get());
                responses.answer(payload.getResponseUrl(), SlackAnswers.text(answer));
            }
        });
        return context.ack();
    }
}
