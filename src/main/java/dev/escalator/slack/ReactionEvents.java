package dev.escalator.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.Recording;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import dev.escalator.logging.LogContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reaction_added}: a reaction that means an action is recorded under its {@code event_id} before Slack hears
 * 200, then carried out on a worker (and by the inbox job if this process dies first). Not recorded within the budget
 * (the store is down or hangs): Slack hears 503 ({@link NotRecorded}) and retries the event. A retry of an event recorded before does
 * nothing new; one whose effect failed is carried out now. An answer goes privately to the person who reacted. The
 * bot's own reactions, and emoji that mean nothing to the bot, are ignored without a write.
 */
final class ReactionEvents {
    private static final Logger log = LoggerFactory.getLogger(ReactionEvents.class);

    private final ChatCommands commands;
    private final RecordedActions actions;
    private final SlackWebApi api;
    private final SlackWorkers workers;
    private final Supplier<String> botUserId;

    ReactionEvents(
            ChatCommands commands,
            RecordedActions actions,
            SlackWebApi api,
            SlackWorkers workers,
            Supplier<String> botUserId) {
        this.commands = commands;
        this.actions = actions;
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
                || payload.getEventId() == null
                || !commands.isAction(event.getReaction())) {
            return context.ack();
        }
        var user = new ChatUser(Platform.SLACK, event.getUser());
        var channel = new ChannelRef(Platform.SLACK, event.getItem().getChannel());
        InboxEntry entry = actions.reaction(
                "slack:" + payload.getEventId(), user, channel, event.getItem().getTs(), event.getReaction());
        switch (actions.record(entry)) {
            case Recording.Recorded recorded -> workers.run("reaction " + entry.key(), () -> react(entry));
            case Recording.AlreadyRecorded again
            when !again.done() ->
                workers.run(
                        "reaction " + entry.key(),
                        () -> actions.takeOver(entry.key())
                                .ifPresentOrElse(
                                        this::react, () -> log.info("slack: event {} already in hand", entry.key())));
            case Recording.AlreadyRecorded done -> log.info("slack: event {} already handled, dropped", entry.key());
            case Recording.NotRecorded failed -> {
                log.warn("slack: event {} not recorded; Slack will retry it", entry.key());
                throw new NotRecorded(entry.key());
            }
        }
        return context.ack();
    }

    private void react(InboxEntry entry) {
        try (var context = LogContext.of()
                .platform(Platform.SLACK)
                .user(entry.user().userId())
                .action("reaction")) {
            actions.carryOut(entry).ifPresent(answer -> {
                log.info(
                        "slack: reaction {} by {} on {}",
                        entry.field("emoji"),
                        entry.user().userId(),
                        entry.field("message"));
                answer(api, entry, SlackAnswers.text(answer));
            });
        }
    }

    /** A private answer in the channel the action was taken in. */
    static void answer(SlackWebApi api, InboxEntry entry, String text) {
        try {
            api.postEphemeral(entry.field("channel"), entry.user().userId(), text);
        } catch (ChatFailure failure) {
            log.warn("slack: private answer to {} not posted: {}", entry.user().userId(), failure.getMessage());
        }
    }
}
