package dev.escalator.discord;

import dev.escalator.chat.Answer;
import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatCommands;
import dev.escalator.chat.ChatRequest;
import dev.escalator.chat.RecordedActions;
import dev.escalator.chat.RecordedActions.Recording;
import dev.escalator.chat.TextLimit;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.entities.emoji.EmojiUnion;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
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
    /**
     * A reaction is remembered while it may still be on the message, so that reconciling after a reconnect never
     * applies one the bot already saw (a past no-op must not act on a later state); removing it forgets it.
     */
    static final Duration REACTION_REMEMBERED = Duration.ofDays(30);

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
    private final ServedGuilds served;
    /** The last job of each reaction key still running or waiting, see {@link #inOrder}. */
    private final Map<String, CompletableFuture<Void>> lines = new ConcurrentHashMap<>();

    DiscordListener(
            ChatCommands commands,
            RecordedActions actions,
            InboundEvents inbound,
            EscalationStore store,
            Executor work,
            MissedReactionsOnDiscord missed,
            ChatCalls answers,
            ServedGuilds served) {
        this.answers = answers;
        this.served = served;
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
        if (!event.getName().equals(EscalateCommand.NAME) || event.getSubcommandName() == null || refused(event)) {
            return;
        }
        ChatRequest request = SlashRequests.from(event.getSubcommandName(), options(event));
        if (request instanceof ChatRequest.OpenForm) {
            // a modal must be the first answer, so it cannot follow a deferral; the form needs nothing from the store
            startForm(
                    event,
                    OpenForm.start(
                            options(event),
                            commands.pathsToAsk(place(event.getChannel()).channel())));
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

    private static void startForm(SlashCommandInteractionEvent event, OpenForm.Start start) {
        switch (start) {
            case OpenForm.Start.Form form ->
                event.replyModal(form.modal()).queue(null, e -> log.warn("Discord: cannot show the form", e));
            case OpenForm.Start.Page page ->
                event.reply(page.text())
                        .setComponents(page.rows())
                        .setEphemeral(true)
                        .queue(null, e -> log.warn("Discord: cannot show the form", e));
            case OpenForm.Start.Problem problem ->
                event.reply(problem.text())
                        .setEphemeral(true)
                        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                        .queue(null, e -> log.warn("Discord: cannot answer", e));
        }
    }

    /** A choice on the form's first page: the page is shown again with it, carrying it in its ids. */
    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent event) {
        var component = OpenForm.pageComponent(event.getComponentId());
        if (component.isEmpty() || event.getValues().isEmpty() || refused(event)) {
            return;
        }
        var draft = component
                .get()
                .getValue()
                .with(component.get().getKey(), event.getValues().getFirst());
        var page = OpenForm.page(
                draft, commands.pathsToAsk(place(event.getChannel()).channel()));
        event.editComponents(page.rows()).queue(null, e -> log.warn("Discord: cannot update the form", e));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Optional<OpenForm.Draft> draft = OpenForm.draftIn(event.getModalId(), OpenForm.MODAL);
        if (draft.isEmpty() || refused(event)) {
            return;
        }
        var form = OpenForm.input(
                draft.get(),
                id -> Optional.ofNullable(event.getValue(id))
                        .map(ModalMapping::getAsString)
                        .map(String::strip)
                        .filter(text -> !text.isEmpty()));
        ChatUser user = user(event.getUser().getId());
        Place place = place(event.getChannel());
        recordThenAnswer(event, "form", actions.form(key(event), user, place.channel(), form));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        var write = OpenForm.pageComponent(event.getComponentId());
        if (write.isPresent() && write.get().getKey().equals(OpenForm.WRITE)) {
            if (refused(event)) {
                return;
            }
            event.replyModal(OpenForm.modal(write.get().getValue()))
                    .queue(null, e -> log.warn("Discord: cannot show the form", e));
            return;
        }
        Optional<ButtonIds.Pressed> pressed = ButtonIds.read(event.getComponentId());
        if (pressed.isEmpty() || refused(event)) {
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
     * A reaction has no interaction to answer with an ephemeral message, and nothing about it may be posted publicly
     * (SPEC §7); so an answer (a refusal with its reason, a harmless no-op) goes to the person who reacted as a direct
     * message, and when Discord refuses that (DMs closed) there is no answer at all, only the timeline's record. When
     * the reaction did what it asked, the thread's timeline post already says so: no message then.
     */
    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent event) {
        if (event.getUserIdLong() == event.getJDA().getSelfUser().getIdLong()
                || !served.serves(guild(event.isFromGuild(), event::getGuild))) {
            return;
        }
        String emoji = emoji(event.getEmoji());
        String messageId = event.getMessageId();
        String userId = event.getUserId();
        MessageChannel channel = event.getChannel();
        inOrder(reactionKey(messageId, userId, emoji), "reaction", () -> react(channel, messageId, userId, emoji));
    }

    /** A reaction taken off: the same emoji added again later is a new action, so its key is forgotten. */
    @Override
    public void onMessageReactionRemove(MessageReactionRemoveEvent event) {
        if (event.getUserIdLong() == event.getJDA().getSelfUser().getIdLong()
                || !served.serves(guild(event.isFromGuild(), event::getGuild))) {
            return;
        }
        String key = reactionKey(event.getMessageId(), event.getUserId(), emoji(event.getEmoji()));
        inOrder(key, "reaction removed", () -> inbound.forget(key));
    }

    static String reactionKey(String messageId, String userId, String emoji) {
        return "discord:reaction:" + messageId + ":" + userId + ":" + emoji;
    }

    /**
     * Runs jobs with the same key one after another, in the order JDA delivered their events (an add, its removal, an
     * add again), and jobs with different keys side by side on the work executor.
     */
    private void inOrder(String key, String what, Runnable job) {
        try {
            chain(key, what, job);
        } catch (RejectedExecutionException e) {
            log.info("Discord {} dropped: the bot is stopping", what);
        }
    }

    private void chain(String key, String what, Runnable job) {
        CompletableFuture<Void> next = lines.compute(key, (ignored, before) -> {
            CompletableFuture<Void> previous = before != null ? before : CompletableFuture.completedFuture(null);
            return previous.handle((done, failed) -> null).thenRunAsync(() -> guarded(what, job), work);
        });
        // outside compute: a job already done runs this at once, and the map must not be changed from within compute
        next.whenComplete((done, failed) -> lines.remove(key, next));
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
        if (!inbound.firstTime(reactionKey(messageId, userId, emoji), REACTION_REMEMBERED)) {
            return;
        }
        log.info("Discord reaction {} by user {} on message {}", emoji, userId, messageId);
        ChatUser user = user(userId);
        Optional<EscalationId> id = store.findByMessage(Platform.DISCORD, messageId);
        int before = timelineSize(id);
        commands.react(user, messageId, emoji).ifPresent(answer -> {
            if (!actedSince(id, before, user)) {
                tellPrivately(channel.getJDA(), userId, answer);
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

    private void tellPrivately(JDA jda, String userId, Answer answer) {
        try {
            DiscordChat.call(() -> jda.openPrivateChannelById(userId)
                    .flatMap(dm -> dm.sendMessage(TextLimit.DISCORD_MESSAGE.cut(text(answer)))
                            .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))));
            answers.called(Platform.DISCORD, "direct_message", ChatCalls.Outcome.OK);
        } catch (RuntimeException e) {
            answers.called(Platform.DISCORD, "direct_message", ChatCalls.outcomeOf(e));
            log.info(
                    "Discord: could not tell user {} privately why their reaction did nothing: {}",
                    userId,
                    e.getMessage());
        }
    }

    /** An interaction from a guild the bot does not serve gets a polite private refusal and nothing else. */
    private boolean refused(IReplyCallback event) {
        if (served.serves(Optional.ofNullable(event.getGuild()))) {
            return false;
        }
        log.info(
                "Discord: refused an interaction from guild {}, which is not served",
                event.getGuild().getId());
        event.reply(ServedGuilds.REFUSAL)
                .setEphemeral(true)
                .queue(null, e -> log.debug("Discord: refusing an interaction failed: {}", e.getMessage()));
        return true;
    }

    private static Optional<Guild> guild(boolean fromGuild, Supplier<Guild> guild) {
        return fromGuild ? Optional.of(guild.get()) : Optional.empty();
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
        hook.sendMessage(TextLimit.DISCORD_MESSAGE.cut(text(answer)))
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
            work.execute(() -> guarded(what, job));
        } catch (RejectedExecutionException e) {
            log.info("Discord {} dropped: the bot is stopping", what);
        }
    }

    private static void guarded(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("Discord {} failed", what, e);
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
