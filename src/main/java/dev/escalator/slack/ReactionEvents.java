package dev.escalator.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.escalator.chat.Answer;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.BeforeAnswer;
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
 * {@code reaction_added}: a reaction that means an action is carried out before Slack hears 200 ({@link
 * RecordedActions#carryOutBeforeAnswer}): its effect and its {@code event_id} are stored in one guarded write on the
 * escalation, which is its record, and the private answer goes to the person who reacted afterwards, on a worker. When
 * the store fails meanwhile the reaction is recorded in the inbox instead and carried out on a worker (and by the
 * inbox job if this process dies first). Neither within the budget (the store is down or hangs): Slack hears 503
 * ({@link NotRecorded}) and retries the event. A retry of an event carried out before changes nothing and posts
 * nothing; one whose effect failed is carried out now. The bot's own reactions, and emoji that mean nothing to the bot,
 * are ignored without a write.
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
        switch (actions.carryOutBeforeAnswer(entry)) {
            case BeforeAnswer.CarriedOut carried ->
                carried.answer()
                        .ifPresent(answer -> workers.run("reaction " + entry.key(), () -> answer(entry, answer)));
            case BeforeAnswer.InInbox inInbox -> recorded(entry, inInbox.recording());
        }
        return context.ack();
    }

    /** A reaction the store failed to carry out before the answer, as recording it in the inbox came to. */
    private void recorded(InboxEntry entry, Recording recording) {
        switch (recording) {
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
    }

    private void react(InboxEntry entry) {
        try (var context = logContext(entry)) {
            actions.carryOut(entry).ifPresent(answer -> answer(entry, answer));
        }
    }

    private void answer(InboxEntry entry, Answer answer) {
        try (var context = logContext(entry)) {
            // the change, if any, is logged where it is stored (EscalationDesk); an answer alone is no event (#17)
            log.debug(
                    "slack: reaction {} by {} on {}",
                    entry.field("emoji"),
                    entry.user().userId(),
                    entry.field("message"));
            answer(api, entry, SlackAnswers.text(answer));
        }
    }

    private static LogContext logContext(InboxEntry entry) {
        return LogContext.of()
                .platform(Platform.SLACK)
                .user(entry.user().userId())
                .action("reaction");
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
