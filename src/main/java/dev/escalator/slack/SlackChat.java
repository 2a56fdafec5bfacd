package dev.escalator.slack;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.Narrator;
import dev.escalator.chat.PostKey;
import dev.escalator.chat.TextLimit;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack chat port: the root message with its buttons, and the thread under its {@code ts}, whose posts are plain
 * message text. Every text is fitted to Slack's limits by {@link TextLimit} (3000 per block text, 4000 per message
 * text; a post of several entries keeps the newest), and the root's blocks carry a plain {@code text} too, for
 * notifications.
 *
 * <p>Every post carries its {@link PostKey} in Slack's message metadata. An uncertain post is first looked for there
 * (the thread, or the channel's latest messages): found, it is not made again.
 */
final class SlackChat implements ChatPort {
    private static final Logger log = LoggerFactory.getLogger(SlackChat.class);
    private final SlackWebApi api;
    private final Narrator narrator;
    /**
     * The direct-message channel with each Slack user, as {@code conversations.open} answered: Slack gives one user
     * the same channel every time, so it is asked once per user, not before every direct message (a third of the Web
     * API calls of a step, with its post and the edit of the message before). Forgotten when a post there fails.
     */
    private final ConcurrentHashMap<String, String> directMessageChannels = new ConcurrentHashMap<>();

    SlackChat(SlackWebApi api, Narrator narrator) {
        this.api = api;
        this.narrator = narrator;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public ThreadRef postRoot(Escalation escalation, PostKey key) {
        String channel = escalation.home().channelId();
        String ts = postOnce(
                channel,
                Optional.empty(),
                key,
                () -> api.post(
                        channel,
                        RootMessage.text(narrator, escalation),
                        RootMessage.blocks(narrator, escalation),
                        Optional.empty(),
                        key));
        // the brief follows as the thread's first post, delivered (and retried) like every other
        return new ThreadRef(escalation.home(), ts, ts);
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
        String channel = thread.channel().channelId();
        Optional<String> threadTs = Optional.of(thread.threadId());
        String text = TextLimit.SLACK_MESSAGE.newestLast(narrator.entryTexts(escalation, entries));
        return postOnce(channel, threadTs, key, () -> api.post(channel, text, List.of(), threadTs, key));
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {
        api.update(
                thread.channel().channelId(),
                thread.rootMessageId(),
                RootMessage.text(narrator, escalation),
                RootMessage.blocks(narrator, escalation));
    }

    /** Asks Slack ({@code chat.getPermalink}); the caller keeps the answer, so this is asked once per escalation. */
    @Override
    public Optional<String> rootLink(ThreadRef thread) {
        return Optional.of(api.permalink(thread.channel().channelId(), thread.rootMessageId()));
    }

    /**
     * {@code conversations.open} with the person's Slack account, then the message in that channel, carrying its key
     * like every post: an uncertain one is looked for in the channel's history first ({@code im:history}).
     */
    @Override
    public DirectMessageRef sendDirectMessage(
            Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
        String user = narrator.directory()
                .person(person)
                .flatMap(p -> p.accountOn(Platform.SLACK))
                .orElseThrow(() -> ChatFailure.unreachable("they have no Slack account in the configuration any more"));
        String channel = directMessageChannels.get(user);
        try {
            if (channel == null) {
                channel = api.openDirectMessage(user);
                directMessageChannels.put(user, channel);
            }
            String in = channel;
            String ts = postOnce(
                    channel,
                    Optional.empty(),
                    key,
                    () -> api.post(
                            in,
                            DirectMessageBlocks.text(narrator, escalation, tag, threadLink),
                            DirectMessageBlocks.blocks(narrator, escalation, tag, threadLink),
                            Optional.empty(),
                            key));
            return new DirectMessageRef(person, tag.seq(), new ChannelRef(Platform.SLACK, in), ts);
        } catch (ChatFailure failure) {
            if (failure.permanent()) {
                // the channel may be gone (archived, the user deactivated): the next message opens it again
                directMessageChannels.remove(user);
            }
            throw recipientFailure(failure);
        }
    }

    @Override
    public void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {
        Optional<TimelineEntry> tag = escalation.entry(message.seq());
        if (tag.isEmpty()) {
            return;
        }
        try {
            api.update(
                    message.channel().channelId(),
                    message.messageId(),
                    DirectMessageBlocks.text(narrator, escalation, tag.get(), threadLink),
                    DirectMessageBlocks.blocks(narrator, escalation, tag.get(), threadLink));
        } catch (ChatFailure failure) {
            throw recipientFailure(failure);
        }
    }

    /** Slack's errors that mean this person cannot get a direct message from the bot, in words for the timeline. */
    private static final Map<String, String> RECIPIENT_ERRORS = Map.of(
            "cannot_dm_bot",
            "they are a bot, which cannot get direct messages",
            "user_not_found",
            "Slack does not know their account",
            "user_disabled",
            "their Slack account is deactivated",
            "user_not_visible",
            "the bot cannot see their Slack account",
            "channel_not_found",
            "their direct-message channel is gone",
            "not_in_channel",
            "the bot is not in their direct-message channel",
            "is_archived",
            "their direct-message channel is archived",
            "messages_tab_disabled",
            "they turned off direct messages from apps",
            "missing_scope",
            "the Slack app lacks the im:write scope; reinstall it from manifests/slack/manifest.yml");

    private static ChatFailure recipientFailure(ChatFailure failure) {
        if (!failure.permanent() || failure.getMessage() == null) {
            return failure;
        }
        String error = failure.getMessage().substring(failure.getMessage().lastIndexOf(' ') + 1);
        String why = RECIPIENT_ERRORS.get(error);
        return why == null ? failure : ChatFailure.unreachable(why + " (" + error + ")");
    }

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
        String channel = fallback.channelId();
        String text = narrator.fallbackAlert(escalation, exhausted);
        return postOnce(
                channel, Optional.empty(), key, () -> api.post(channel, text, List.of(), Optional.empty(), key));
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        return api.upload(channel.channelId(), text, image.fileName(), image.description(), image.png());
    }

    private String postOnce(String channel, Optional<String> threadTs, PostKey key, Supplier<String> post) {
        if (key.uncertain()) {
            Optional<String> earlier = lookFor(channel, threadTs, key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        return post.get();
    }

    /**
     * A look Slack refuses for good (an app installed before the manifest asked for {@code channels:history}, say)
     * must not hold the post back until delivery gives it up: better a tag twice than a step never posted.
     */
    private Optional<String> lookFor(String channel, Optional<String> threadTs, PostKey key) {
        try {
            return api.findPosted(channel, threadTs, key);
        } catch (ChatFailure failure) {
            if (!failure.permanent()) {
                throw failure;
            }
            log.warn(
                    "slack: cannot look for a post that may exist already ({}); posting it. Reinstall the app from"
                            + " manifests/slack/manifest.yml for the history scopes.",
                    failure.getMessage());
            return Optional.empty();
        }
    }
}
