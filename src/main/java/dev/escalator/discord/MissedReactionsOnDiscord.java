package dev.escalator.discord;

import dev.escalator.chat.MissedReactions;
import dev.escalator.config.Reactions;
import dev.escalator.core.Action;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds reactions added while the bot was not connected (down, or its session was lost; Discord replays none): reads
 * who reacted with an action's emoji on the root message of each unresolved Discord escalation, and hands on those
 * whose action by that person is not in the timeline ({@link MissedReactions}).
 *
 * <p>Best effort: the newest {@link #LIMIT} escalations, the first 100 people per emoji, root messages only (not
 * reactions on thread posts); one REST call per emoji and escalation, paced by JDA's rate limiter.
 */
final class MissedReactionsOnDiscord {
    private static final Logger log = LoggerFactory.getLogger(MissedReactionsOnDiscord.class);
    static final int LIMIT = 100;

    /**
     * What to do with a reaction found: record it and carry it out, as one that arrived live; {@code version}, the
     * escalation's when it was found, keys it, so that finding it again in the same state records it once.
     */
    @FunctionalInterface
    interface Found {
        void react(MessageChannel channel, String messageId, String userId, String emoji, long version);
    }

    private final EscalationStore store;
    private final Reactions reactions;

    MissedReactionsOnDiscord(EscalationStore store, Reactions reactions) {
        this.store = store;
        this.reactions = reactions;
    }

    void find(JDA jda, Found found) {
        Map<Action, List<String>> emoji = reactions.unicodeForms();
        for (Escalation escalation : store.find(EscalationQuery.unresolved(LIMIT))) {
            if (escalation.home().platform() != Platform.DISCORD) {
                continue;
            }
            Optional<ThreadRef> thread = store.thread(escalation.id());
            TextChannel channel = thread.map(
                            t -> jda.getTextChannelById(t.channel().channelId()))
                    .orElse(null);
            if (channel == null) {
                continue;
            }
            String root = thread.get().rootMessageId();
            emoji.forEach((action, forms) -> forms.forEach(form -> {
                for (User user : reactedWith(channel, root, form)) {
                    var account = new ChatUser(Platform.DISCORD, user.getId());
                    if (user.getIdLong() != jda.getSelfUser().getIdLong()
                            && !MissedReactions.alreadyRecorded(escalation, account, action)) {
                        log.info(
                                "{}: applying a reaction missed while disconnected (user {})",
                                escalation.id(),
                                user.getId());
                        found.react(channel, root, user.getId(), form, escalation.version());
                    }
                }
            }));
        }
    }

    /** Waits out rate limits (unlike delivery, nothing else is queued behind this) and gives up on other errors. */
    private static List<User> reactedWith(TextChannel channel, String messageId, String emoji) {
        try {
            return channel.retrieveReactionUsersById(messageId, Emoji.fromUnicode(emoji))
                    .complete();
        } catch (RuntimeException e) {
            log.warn("Discord: cannot read reactions on message {}: {}", messageId, e.getMessage());
            return List.of();
        }
    }
}
