package dev.escalator.discord;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.Markup;
import dev.escalator.chat.Narrator;
import dev.escalator.chat.PostKey;
import dev.escalator.chat.SafeText;
import dev.escalator.chat.TextLimit;
import dev.escalator.config.Reactions;
import dev.escalator.core.Action;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.FileUpload;

/**
 * The Discord chat port: the root message with its buttons, a public thread created from it, and every post in that
 * thread. Called by delivery from its own threads, so it blocks on each call; JDA's rate-limit queue is bypassed
 * ({@code complete(false)}) so that a 429 reaches delivery, which paces and retries without dropping anything.
 *
 * <p>No message may ping more than the bot means: each one allows no mention at all, but for the people a thread
 * post tags.
 */
final class DiscordChat implements ChatPort {
    /** Discord's limit for a thread's name. */
    private static final int THREAD_NAME_LIMIT = 100;
    /** How far back a retried root message is looked for: an escalation's retries come within minutes. */
    private static final int RECENT = 50;

    private final Supplier<Optional<JDA>> client;
    private final Directory directory;
    private final Narrator narrator;

    /** {@code client} is empty until Discord accepted the login; every call fails as "not connected yet" until then. */
    DiscordChat(Supplier<Optional<JDA>> client, Directory directory, Reactions reactions) {
        this.client = client;
        this.directory = directory;
        this.narrator = new Narrator(directory, reactions, Markup.DISCORD);
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    /**
     * Idempotent, as delivery retries the whole effect: a root message or thread already posted by an attempt that
     * failed half-way (the thread creation rate-limited, say) is found in the channel's recent history and reused, so
     * nobody sees the escalation twice.
     */
    @Override
    public ThreadRef postRoot(Escalation escalation, PostKey key) {
        TextChannel channel = textChannel(escalation.home());
        Optional<Message> earlier = earlierRoot(channel, escalation);
        Message root = earlier.orElseGet(() -> call(() -> channel.sendMessage(cut(rootText(escalation)))
                .setComponents(buttons(escalation))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .setNonce(rootNonce(escalation))));
        Optional<ThreadChannel> started = Optional.ofNullable(root.getStartedThread());
        ThreadChannel thread = started.orElseGet(() -> call(() -> channel.createThreadChannel(
                SafeText.cut(escalation.id() + " · " + escalation.title(), THREAD_NAME_LIMIT), root.getIdLong())));
        // the brief follows as the thread's first post, delivered (and retried) like every other
        return new ThreadRef(escalation.home(), root.getId(), thread.getId());
    }

    /**
     * The bot's root message for this escalation among the channel's latest messages, if an attempt posted it: found
     * by the nonce it was posted with, or by the id at the head of its headline (never by the id appearing somewhere
     * in the text: a title may hold another escalation's id).
     */
    private Optional<Message> earlierRoot(TextChannel channel, Escalation escalation) {
        long self = jda().getSelfUser().getIdLong();
        String nonce = rootNonce(escalation);
        return call(() -> channel.getHistory().retrievePast(RECENT)).stream()
                .filter(message -> message.getAuthor().getIdLong() == self)
                .filter(message -> nonce.equals(message.getNonce())
                        || headlineId(message.getContentRaw())
                                .equals(Optional.of(escalation.id().toString())))
                .findFirst();
    }

    /** The root's headline is {@code **<status icon> ESC-n · sev…}: the id is the second word of the first line. */
    static Optional<String> headlineId(String content) {
        var head = HEADLINE.matcher(content);
        return head.lookingAt() ? Optional.of(head.group(1)) : Optional.empty();
    }

    private static final Pattern HEADLINE = Pattern.compile("\\*\\*\\S+ (ESC-\\d+) · sev\\d ");

    /** The root message's nonce: Discord answers a repeat within minutes with the message already made. */
    static String rootNonce(Escalation escalation) {
        return "esc" + escalation.id().number() + "-root";
    }

    /**
     * The same post always carries the same nonce, and Discord (with {@code enforce_nonce}, which JDA sends) answers
     * a repeat within a few minutes with the message already made: a retry after a time-out, or a replica taking
     * over a post another one made just before it crashed, does not tag anyone twice. Delivery posts the same entries
     * together on every attempt, so the first entry names the post (and keeps the nonce within Discord's 25
     * characters, which the {@link PostKey} would not always).
     */
    static String nonce(Escalation escalation, TimelineEntry first) {
        return "esc" + escalation.id().number() + "-" + first.seq();
    }

    /** A fallback alert's nonce, apart from the thread posts'. */
    static String fallbackNonce(Escalation escalation, TimelineEntry exhausted) {
        return "esc" + escalation.id().number() + "-f" + exhausted.seq();
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
        List<String> tagged = entries.stream()
                .map(TimelineEntry::event)
                .flatMap(event -> event.tags().stream())
                .flatMap(person -> directory.person(person).flatMap(p -> p.accountOn(Platform.DISCORD)).stream())
                .distinct()
                .toList();
        String text = TextLimit.DISCORD_MESSAGE.newestLast(narrator.entryTexts(escalation, entries));
        Optional<ThreadChannel> inThread = threadOf(thread);
        Message posted = call(() -> {
            MessageCreateAction post = inThread.isPresent()
                    ? inThread.get().sendMessage(text)
                    // the root message is gone, or started no thread: answer it in the channel, so no step goes
                    // unseen
                    : textChannel(thread.channel())
                            .sendMessage(text)
                            .setMessageReference(thread.rootMessageId())
                            .failOnInvalidReply(false);
            return post.setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                    .mentionUsers(tagged)
                    .setNonce(nonce(escalation, entries.getFirst()));
        });
        return posted.getId();
    }

    /**
     * The escalation's thread, found the same way by every attempt of a post, whichever process makes it: from JDA's
     * cache, else from the root message, which names the thread it started (Discord sends no archived threads at
     * connect, and one just made may not be cached yet). Empty when the root is gone or started none. Deciding by the
     * cache alone, a post in doubt whose first attempt answered the root in the channel was made again in the thread
     * once the thread was cached: two messages, as a nonce is not known to hold across channels.
     */
    private Optional<ThreadChannel> threadOf(ThreadRef thread) {
        ThreadChannel cached = jda().getThreadChannelById(thread.threadId());
        if (cached != null) {
            return Optional.of(cached);
        }
        Message root;
        try {
            root = call(() -> textChannel(thread.channel()).retrieveMessageById(thread.rootMessageId()));
        } catch (ChatFailure e) {
            if (!e.permanent()) {
                throw e;
            }
            return Optional.empty();
        }
        return Optional.ofNullable(root.getStartedThread())
                .filter(started -> started.getId().equals(thread.threadId()));
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {
        TextChannel channel = textChannel(thread.channel());
        call(() -> channel.editMessageById(thread.rootMessageId(), cut(rootText(escalation)))
                .setComponents(buttons(escalation))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)));
    }

    /** Discord's message URL, made from ids JDA already holds: no call to Discord. */
    @Override
    public Optional<String> rootLink(ThreadRef thread) {
        TextChannel channel = textChannel(thread.channel());
        return Optional.of("https://discord.com/channels/%s/%s/%s"
                .formatted(channel.getGuild().getId(), channel.getId(), thread.rootMessageId()));
    }

    /**
     * The person's private channel ({@code POST /users/@me/channels}), then the message with Acknowledge and Decline
     * buttons, mentioning nobody. Its nonce (unique to the escalation, the tag and the person) makes Discord answer a
     * repeat within minutes with the message already made, as for thread posts: a direct message in doubt is not sent
     * twice.
     */
    @Override
    public DirectMessageRef sendDirectMessage(
            Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
        String user = discordAccount(person);
        PrivateChannel channel = call(() -> jda().openPrivateChannelById(user));
        Message posted = call(() -> channel.sendMessage(cut(narrator.directMessage(escalation, tag, threadLink)))
                .setComponents(directMessageButtons(escalation, tag.seq()))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .setNonce(directMessageNonce(escalation, tag, user)));
        return new DirectMessageRef(
                person, tag.seq(), new ChannelRef(Platform.DISCORD, channel.getId()), posted.getId());
    }

    @Override
    public void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {
        Optional<TimelineEntry> tag = escalation.entry(message.seq());
        if (tag.isEmpty()) {
            return;
        }
        PrivateChannel channel = call(() -> jda().openPrivateChannelById(discordAccount(message.person())));
        call(() -> channel.editMessageById(
                        message.messageId(), cut(narrator.directMessage(escalation, tag.get(), threadLink)))
                .setComponents(directMessageButtons(escalation, message.seq()))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)));
    }

    private String discordAccount(PersonId person) {
        return directory
                .person(person)
                .flatMap(p -> p.accountOn(Platform.DISCORD))
                .orElseThrow(
                        () -> ChatFailure.unreachable("they have no Discord account in the configuration any more"));
    }

    /** A direct message's nonce: within Discord's 25 characters, different for each person a tag reaches. */
    static String directMessageNonce(Escalation escalation, TimelineEntry tag, String user) {
        return "e%dd%d-%s"
                .formatted(
                        escalation.id().number(),
                        tag.seq(),
                        Long.toString(Long.parseUnsignedLong(user) % 2_176_782_336L, 36));
    }

    /** Acknowledge and Decline while the message asks for an answer; none after. */
    private static List<ActionRow> directMessageButtons(Escalation escalation, int seq) {
        if (!Narrator.asksForAnswer(escalation, seq)) {
            return List.of();
        }
        return List.of(ActionRow.of(
                Button.primary(ButtonIds.ofDirectMessage(Action.ACKNOWLEDGE, escalation.id()), "Acknowledge"),
                Button.secondary(ButtonIds.ofDirectMessage(Action.DECLINE, escalation.id()), "Decline")));
    }

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
        GuildMessageChannel channel = messageChannel(fallback.channelId());
        Message posted = call(() -> channel.sendMessage(cut(narrator.fallbackAlert(escalation, exhausted)))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .setNonce(fallbackNonce(escalation, exhausted)));
        return posted.getId();
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        GuildMessageChannel target = messageChannel(channel.channelId());
        Message posted = call(() -> target.sendMessage(cut(text))
                .addFiles(FileUpload.fromData(image.png(), image.fileName()).setDescription(image.description()))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)));
        return posted.getId();
    }

    private String rootText(Escalation escalation) {
        return "**" + narrator.headline(escalation) + "**\n" + narrator.facts(escalation);
    }

    /** The root's buttons, none once resolved (as on Slack); a reopened escalation gets them back with its refresh. */
    private static List<ActionRow> buttons(Escalation escalation) {
        if (escalation.status() == Status.RESOLVED) {
            return List.of();
        }
        return List.of(ActionRow.of(
                Button.primary(ButtonIds.of(Action.ACKNOWLEDGE, escalation.id()), "Acknowledge"),
                Button.success(ButtonIds.of(Action.RESOLVE, escalation.id()), "Resolve"),
                Button.secondary(ButtonIds.of(Action.ESCALATE, escalation.id()), "Escalate")));
    }

    private TextChannel textChannel(ChannelRef ref) {
        TextChannel channel = jda().getTextChannelById(ref.channelId());
        if (channel == null) {
            throw missing("channel " + ref.channelId());
        }
        return channel;
    }

    private GuildMessageChannel messageChannel(String id) {
        GuildMessageChannel channel = jda().getChannelById(GuildMessageChannel.class, id);
        if (channel == null) {
            throw missing("channel " + id);
        }
        return channel;
    }

    /** Not in the cache: gone for good once connected; before that the guilds may simply not have arrived yet. */
    private ChatFailure missing(String what) {
        if (jda().getStatus() != JDA.Status.CONNECTED) {
            return ChatFailure.transientFailure("Discord is not connected yet; " + what + " unknown", null);
        }
        return ChatFailure.permanentFailure("Discord does not know " + what + " (deleted, or the bot is not in it)");
    }

    private JDA jda() {
        return client.get()
                .orElseThrow(() -> ChatFailure.transientFailure("Discord is not connected yet (signing in)", null));
    }

    private static String cut(String text) {
        return TextLimit.DISCORD_MESSAGE.cut(text);
    }

    /** One call, ended within {@link ChatPort#CALL_TIME_OUT} with JDA's retries ({@link CallDeadline}). */
    static <T> T call(Supplier<RestAction<T>> action) {
        try {
            return CallDeadline.within(ChatPort.CALL_TIME_OUT, () -> {
                try {
                    return action.get().complete(false);
                } catch (RateLimitedException e) {
                    throw rateLimited(e);
                }
            });
        } catch (ChatFailure e) {
            throw e;
        } catch (ErrorResponseException e) {
            throw failure(e);
        } catch (InsufficientPermissionException e) {
            throw ChatFailure.permanentFailure(
                    "the bot lacks " + e.getPermission().getName() + " there");
        } catch (RuntimeException e) {
            // a time-out or a dropped connection: Discord may have done it before the answer was lost
            throw ChatFailure.unanswered("Discord call failed: " + e.getMessage(), e);
        }
    }

    private static ChatFailure rateLimited(RateLimitedException e) {
        return ChatFailure.rateLimited(Duration.ofMillis(Math.max(1, e.getRetryAfter())));
    }

    /**
     * A message Discord refuses as such (its message gone, empty, too long) can never be posted; a channel gone or
     * forbidden, or a token refused (401, 403), until someone fixes the bot's access; anything else (5xx, timeouts)
     * may get better on its own.
     */
    static ChatFailure failure(ErrorResponseException e) {
        ErrorResponse error = e.getErrorResponse();
        return switch (error) {
            case CANNOT_SEND_TO_USER -> ChatFailure.unreachable("they do not accept direct messages");
            case UNKNOWN_USER -> ChatFailure.unreachable("Discord does not know their account");
            case UNKNOWN_MESSAGE, EMPTY_MESSAGE, INVALID_FORM_BODY ->
                ChatFailure.messageRefused("Discord refused the message: " + error.getMeaning());
            case UNKNOWN_CHANNEL, MISSING_ACCESS, MISSING_PERMISSIONS, THREAD_LOCKED ->
                ChatFailure.permanentFailure("Discord refused: " + error.getMeaning());
            default ->
                e.getResponse() != null && (e.getResponse().code == 401 || e.getResponse().code == 403)
                        ? ChatFailure.permanentFailure("Discord refused the bot (HTTP " + e.getResponse().code + ")")
                        : ChatFailure.unanswered("Discord answered " + e.getErrorCode() + ": " + e.getMeaning(), e);
        };
    }
}
