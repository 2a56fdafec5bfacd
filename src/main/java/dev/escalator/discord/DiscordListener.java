package dev.escalator.discord;

import dev.escalator.chat.Answer;
import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatRequest;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.Recording;
import dev.escalator.chat.SafeText;
import dev.escalator.core.Actor;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.Event;
import dev.escalator.core.InboundEvents;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.logging.LogContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.entities.emoji.EmojiUnion;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes what Discord sends (slash commands, the open form, buttons, reactions) and hands it to {@link ChatCommands}.
 * On JDA's event thread it does nothing that waits (the form is shown from there, as it needs nothing stored); every
 * store call and chat post runs on the {@code work} executor. A slash command that changes something, a submitted
 * form and a button press are first recorded ({@link RecordedActions}, keyed by the interaction id) and only then
 * deferred, so what Discord was answered survives a crash; not recorded within the budget, the person is told to try
 * again. A Discord event delivered twice (a replayed session, two replicas on one shard) has one effect: interactions
 * are recorded by id (reading commands remembered by id), reactions remembered by message, user and emoji.
 */
final class DiscordListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DiscordListener.class);
    static final Duration REMEMBER = Duration.ofHours(1);

    /** The kind of a recorded slash command: its sub-command and options, decoded again when carried out. */
    static final String SLASH = "discord-slash";

    private static final String OPTION = "option.";

    private final ChatCommands commands;
    private final RecordedActions actions;
    private final InboundEvents inbound;
    private final EscalationStore store;
    private final Executor work;
    private final MissedReactionsOnDiscord missed;
    private final ChatCalls answers;

    DiscordListener(
            ChatCommands commands,
            RecordedActions actions,
            InboundEvents inbound,
            EscalationStore store,
            Executor work,
            MissedReactionsOnDiscord missed,
            ChatCalls answers) {
        this.answers = answers;
        this.commands = commands;
        this.actions = actions;
        this.inbound = inbound;
        this.store = store;
        this.work = work;
        this.missed = missed;
        actions.carryOutKind(SLASH, this::carryOutSlash);
    }

    /** A recorded slash command, carried out here or after a take-over: the thread it was typed in gives the id. */
    private Optional<Answer> carryOutSlash(InboxEntry entry, ChatCommands recorded) {
        var options = new LinkedHashMap<String, String>();
        entry.fields().forEach((name, value) -> {
            if (name.startsWith(OPTION)) {
                options.put(name.substring(OPTION.length()), value);
            }
        });
        ChatRequest request = SlashRequests.from(entry.field("subcommand"), options);
        Optional<EscalationId> context = Optional.of(entry.field("thread"))
                .filter(thread -> !thread.isEmpty())
                .flatMap(thread -> store.findByThread(Platform.DISCORD, thread));
        var channel = new ChannelRef(Platform.DISCORD, entry.field("channel"));
        return Optional.of(recorded.handle(request, entry.user(), channel, context));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!event.getName().equals(EscalateCommand.NAME) || event.getSubcommandName() == null) {
            return;
        }
        ChatRequest request = SlashRequests.from(event.getSubcommandName(), options(event));
        if (request instanceof ChatRequest.OpenForm) {
            // a modal must be the first answer, so it cannot follow a deferral; it needs nothing from the store
            event.replyModal(OpenForm.modal()).queue(null, e -> log.warn("Discord: cannot show the form", e));
            return;
        }
        ChatUser user = user(event.getUser().getId());
        Place place = place(event.getChannel());
        if (RecordedActions.changesSomething(request)) {
            var fields = new LinkedHashMap<String, String>();
            fields.put("subcommand", event.getSubcommandName());
            fields.put("channel", place.channel().channelId());
            place.thread().ifPresent(thread -> fields.put("thread", thread));
            options(event).forEach((name, value) -> fields.put(OPTION + name, value));
            recordThenAnswer(
                    event, "slash " + event.getSubcommandName(), actions.action(key(event), user, SLASH, fields));
            return;
        }
        answerLater(event, "slash " + event.getSubcommandName(), () -> {
            Optional<EscalationId> context = place.thread().flatMap(t -> store.findByThread(Platform.DISCORD, t));
            return commands.handle(request, user, place.channel(), context);
        });
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        if (!event.getModalId().equals(OpenForm.ID)) {
            return;
        }
        var form = OpenForm.input(id -> Optional.ofNullable(event.getValue(id))
                .map(ModalMapping::getAsString)
                .map(String::strip)
                .filter(text -> !text.isEmpty()));
        ChatUser user = user(event.getUser().getId());
        Place place = place(event.getChannel());
        recordThenAnswer(event, "form", actions.form(key(event), user, place.channel(), form));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Optional<ButtonIds.Pressed> pressed = ButtonIds.read(event.getComponentId());
        if (pressed.isEmpty()) {
            return;
        }
        ChatUser user = user(event.getUser().getId());
        Place place = place(event.getChannel());
        recordThenAnswer(
                event,
                "button " + pressed.get().action().command(),
                actions.press(
                        key(event),
                        user,
                        place.channel(),
                        pressed.get().id(),
                        pressed.get().action()));
    }

    /**
     * A reaction has no interaction to answer privately, and a DM from a bot is intrusive; so an answer (a refusal with
     * its reason, a harmless no-op) is posted in the escalation's thread as a reply that pings only the person who
     * reacted. When the reaction did what it asked, the thread's timeline post already says so: no reply then.
     */
    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent event) {
        if (event.getUserIdLong() == event.getJDA().getSelfUser().getIdLong()) {
            return;
        }
        String emoji = emoji(event.getEmoji());
        String messageId = event.getMessageId();
        String userId = event.getUserId();
        MessageChannel channel = event.getChannel();
        later("reaction", () -> react(channel, messageId, userId, emoji));
    }

    /** Reactions added while the session was gone were never sent: look at the root messages instead. */
    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        JDA jda = event.getJDA();
        later("reconciling reactions", () -> missed.find(jda, this::react));
    }

    /** The same after a start: reactions added while the bot was down (a restart, a crash) were never sent either. */
    @Override
    public void onReady(ReadyEvent event) {
        JDA jda = event.getJDA();
        later("reconciling reactions", () -> missed.find(jda, this::react));
    }

    /** One reaction, live or found afterwards: once per message, user and emoji. */
    private void react(MessageChannel channel, String messageId, String userId, String emoji) {
        try (var logContext =
                LogContext.of().platform(Platform.DISCORD).user(userId).action("reaction")) {
            reactOnce(channel, messageId, userId, emoji);
        }
    }

    private void reactOnce(MessageChannel channel, String messageId, String userId, String emoji) {
        if (!inbound.firstTime("discord:reaction:" + messageId + ":" + userId + ":" + emoji, REMEMBER)) {
            return;
        }
        log.info("Discord reaction {} by user {} on message {}", emoji, userId, messageId);
        ChatUser user = user(userId);
        Optional<EscalationId> id = store.findByMessage(Platform.DISCORD, messageId);
        int before = timelineSize(id);
        commands.react(user, messageId, emoji).ifPresent(answer -> {
            if (!actedSince(id, before, user)) {
                tellInThread(channel, messageId, userId, answer);
            }
        });
    }

    private int timelineSize(Optional<EscalationId> id) {
        return id.flatMap(store::find).map(e -> e.timeline().size()).orElse(0);
    }

    /** Whether {@code user} changed the escalation (not merely was refused) since it had {@code before} entries. */
    private boolean actedSince(Optional<EscalationId> id, int before, ChatUser user) {
        return id.flatMap(store::find)
                .map(e -> e
                        .timeline()
                        .subList(
                                Math.min(before, e.timeline().size()),
                                e.timeline().size())
                        .stream()
                        .anyMatch(entry -> entry.actor() instanceof Actor.User by
                                && by.account().equals(user)
                                && !(entry.event() instanceof Event.Refused)))
                .orElse(false);
    }

    private void tellInThread(MessageChannel reactedIn, String messageId, String userId, Answer answer) {
        GuildMessageChannel target = reactedIn instanceof ThreadChannel thread
                ? thread
                : store.findByMessage(Platform.DISCORD, messageId)
                        .flatMap(store::thread)
                        .map(thread -> reactedIn.getJDA().getThreadChannelById(thread.threadId()))
                        .map(GuildMessageChannel.class::cast)
                        .orElseGet(() -> (GuildMessageChannel) reactedIn);
        try {
            DiscordChat.call(() -> target.sendMessage(
                            SafeText.cut("<@" + userId + "> " + text(answer), SafeText.DISCORD_MESSAGE_LIMIT))
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                    .mentionUsers(userId));
            answers.called(Platform.DISCORD, "reply_in_thread", ChatCalls.Outcome.OK);
        } catch (RuntimeException e) {
            answers.called(Platform.DISCORD, "reply_in_thread", ChatCalls.outcomeOf(e));
            throw e;
        }
    }

    private static String key(IReplyCallback event) {
        return "discord:interaction:" + event.getId();
    }

    /**
     * A person's action: recorded (keyed by the interaction id) before the deferred reply, within the budget, then
     * carried out and answered through the hook. Recorded before (a second delivery): nothing is answered twice. Not
     * recorded in time: the person is told so at once, and that trying again is safe.
     */
    private void recordThenAnswer(IReplyCallback event, String what, InboxEntry entry) {
        InteractionHook hook = event.getHook();
        String userId = event.getUser().getId();
        later(what, () -> {
            try (var logContext =
                    LogContext.of().platform(Platform.DISCORD).user(userId).action(what)) {
                switch (actions.record(entry)) {
                    case Recording.Recorded recorded -> {
                        defer(event, what);
                        actions.carryOut(entry).ifPresent(answer -> send(hook, what, userId, answer));
                    }
                    case Recording.AlreadyRecorded again
                    when !again.done() ->
                        actions.takeOver(entry.key()).ifPresent(taken -> {
                            defer(event, what);
                            actions.carryOut(taken).ifPresent(answer -> send(hook, what, userId, answer));
                        });
                    case Recording.AlreadyRecorded done -> log.info("Discord {} {} already handled", what, entry.key());
                    case Recording.NotRecorded failed ->
                        event.reply(RecordedActions.NOT_RECORDED)
                                .setEphemeral(true)
                                .queue(null, e -> log.warn("Discord: answering {} failed", what, e));
                }
            }
        });
    }

    private static void defer(IReplyCallback event, String what) {
        event.deferReply(true).queue(null, e -> log.debug("Discord: deferring {} failed (answered elsewhere?)", what));
    }

    /** Defers at once (privately), then works and answers through the hook, once per interaction id. */
    private void answerLater(IReplyCallback event, String what, Supplier<Answer> handler) {
        String key = "discord:interaction:" + event.getId();
        event.deferReply(true).queue(null, e -> log.debug("Discord: deferring {} failed (answered elsewhere?)", what));
        InteractionHook hook = event.getHook();
        String userId = event.getUser().getId();
        later(what, () -> {
            try (var logContext =
                    LogContext.of().platform(Platform.DISCORD).user(userId).action(what)) {
                answer(hook, what, userId, key, handler);
            }
        });
    }

    private void answer(InteractionHook hook, String what, String userId, String key, Supplier<Answer> handler) {
        Answer answer;
        try {
            if (!inbound.firstTime(key, REMEMBER)) {
                return; // another replica, or an earlier delivery of this event, answers it
            }
            answer = handler.get();
        } catch (StoreUnavailableException e) {
            answer = new Answer.Text(ChatCommands.UNAVAILABLE);
        }
        send(hook, what, userId, answer);
    }

    private void send(InteractionHook hook, String what, String userId, Answer answer) {
        log.info("Discord {} by user {} answered", what, userId);
        hook.sendMessage(SafeText.cut(text(answer), SafeText.DISCORD_MESSAGE_LIMIT))
                .setEphemeral(true)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .queue(done -> answers.called(Platform.DISCORD, "reply", ChatCalls.Outcome.OK), e -> {
                    answers.called(Platform.DISCORD, "reply", ChatCalls.Outcome.ERROR);
                    log.warn("Discord: answering {} failed", what, e);
                });
    }

    private static String text(Answer answer) {
        return switch (answer) {
            case Answer.Text t -> t.text();
            case Answer.ShowForm ignored -> "Use `/escalate open` without a title for the form.";
        };
    }

    /** Runs {@code job} on the work executor, off JDA's event thread; one failing job is logged, not fatal. */
    private void later(String what, Runnable job) {
        try {
            work.execute(() -> {
                try {
                    job.run();
                } catch (RuntimeException e) {
                    log.warn("Discord {} failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.info("Discord {} dropped: the bot is stopping", what);
        }
    }

    static Map<String, String> options(SlashCommandInteractionEvent event) {
        var options = new LinkedHashMap<String, String>();
        for (OptionMapping option : event.getOptions()) {
            options.put(option.getName(), option.getAsString());
        }
        return options;
    }

    /** A Unicode emoji as itself (👀), a custom one by its name, which the configuration may list. */
    static String emoji(EmojiUnion emoji) {
        return emoji.getType() == Emoji.Type.UNICODE ? emoji.asUnicode().getName() : emoji.getName();
    }

    private static ChatUser user(String id) {
        return new ChatUser(Platform.DISCORD, id);
    }

    /** Where a command was typed: the channel (a thread's parent) and, in a thread, the thread's id. */
    record Place(ChannelRef channel, Optional<String> thread) {}

    static Place place(MessageChannel channel) {
        if (channel instanceof ThreadChannel thread) {
            return new Place(
                    new ChannelRef(Platform.DISCORD, thread.getParentChannel().getId()), Optional.of(thread.getId()));
        }
        return new Place(new ChannelRef(Platform.DISCORD, channel.getId()), Optional.empty());
    }
}
