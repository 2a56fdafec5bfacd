package dev.escalator.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatFailure;
import dev.escalator.core.ChatUser;
import dev.escalator.core.InboundEvents;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reaction_added}: acknowledged at once; then, once per {@code event_id} across replicas (Slack retries an
 * event it thinks went unanswered), handed to {@link ChatCommands#react}. An answer goes privately to the person who
 * reacted. The bot's own reactions are ignored.
 */
final class ReactionEvents {
    /** Slack retries an event for minutes, not hours: an hour covers every retry. */
    static final Duration REMEMBER = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(ReactionEvents.class);

    private final ChatCommands commands;
    private final InboundEvents inbound;
    private final SlackWebApi api;
    private final SlackWorkers workers;
    private final Supplier<String> botUserId;

    ReactionEvents(
            ChatCommands commands,
            InboundEvents inbound,
            SlackWebApi api,
            SlackWorkers workers,
            Supplier<String> botUserId) {
        this.commands = commands;
        this.inbound = inbound;
        this.api = api;
        this.workers = workers;
        this.botUserId = botUserId;
    }

    Response handle(EventsApiPayload<ReactionAddedEvent> payload, EventContext context) {
        ReactionAddedEvent event = payload.getEvent();
        if (event.getItem() == null
                || !"message".equals(event.getItem().getType())
                || event.getUser() == null
                || event.getUser().equals(botUserId.get())
                // Slack always sends these; an event without them names nothing to act on
                || event.getItem().getTs() == null
                || event.getItem().getChannel() == null
                || event.getReaction() == null
                || payload.getEventId() == null) {
            return context.ack();
        }
        String eventId = payload.getEventId();
        workers.run("reaction " + eventId, () -> react(eventId, event));
        return context.ack();
    }

    private void react(String eventId, ReactionAddedEvent event) {
        try (var context =
                LogContext.of().platform(Platform.SLACK).user(event.getUser()).action("reaction")) {
            reactOnce(eventId, event);
        }
    }

    private void reactOnce(String eventId, ReactionAddedEvent event) {
        if (!inbound.firstTime("slack:" + eventId, REMEMBER)) {
            log.info("slack: event {} already handled, dropped", eventId);
            return;
        }
        var user = new ChatUser(Platform.SLACK, event.getUser());
        String channel = event.getItem().getChannel();
        commands.react(user, event.getItem().getTs(), event.getReaction()).ifPresent(answer -> {
            log.info(
                    "slack: reaction {} by {} on {}",
                    event.getReaction(),
                    user.userId(),
                    event.getItem().getTs());
            try {
                api.postEphemeral(channel, user.userId(), SlackAnswers.text(answer));
            } catch (ChatFailure failure) {
                log.warn("slack: private answer to {} not posted: {}", user.userId(), failure.getMessage());
            }
        });
    }
}
