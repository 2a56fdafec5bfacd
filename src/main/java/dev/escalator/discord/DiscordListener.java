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
import dev.escalator.http.CrashHook;
import dev.escalator.logging.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * form and a button press are first recorded ({@link RecordedActions}) and only then deferred, so what Discord was
 * answered survives a crash; not recorded within the budget, the person is told to try again. They are keyed by what
 * the person did, not by the interaction (who typed what where within two minutes, who pressed which button on which
 * message within two minutes, who sent which form with what in it), so trying again after "try again" is safe: it
 * finds the first try if it was recorded after all, and carries it out once. A reaction is recorded too before it is carried out (keyed by message, user, emoji and gateway event), and
 * tried again, then left to the reconciliation, when it cannot be. A Discord event delivered twice (a replayed
 * session, two replicas on one shard) has one effect: interactions are recorded by id (reading commands remembered by
 * id), and a reaction acts only for the first event that sees it (by message, user and emoji).
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

    /**
     * The answer to an action tried again that was recorded and carried out before. It may have been refused then, so
     * this says only that it was handled and answered.
     */
    static final String DONE_BEFORE = "Escalator handled this same action a moment ago (see its answer); it was not"
            + " done again. `/escalate status id:ESC-12` shows where an escalation stands.";

    /** The answer to an action tried again while it is being carried out. */
    static final String IN_HAND = "Escalator is carrying this out already: its thread will show it.";

    /**
     * The field of a recorded interaction that keeps its token, so that the inbox job can answer it if this process dies
     * first. A credential: never logged, and gone with the entry once the action is handled.
     */
    static final String TOKEN = "interaction-token";

    /** How long Discord accepts an interaction's token, from the interaction. */
    static final Duration TOKEN_VALID = Duration.ofMinutes(15);

    /** The kind of a recorded reaction: its channel, message and emoji. */
    static final String REACTION = "discord-reaction";

    /** How long to wait before each new try to record a live reaction the store did not take. */
    static final List<Duration> RECORD_AGAIN =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));

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
    /** This listener, in the keys of the gateway events it records: a new process is a new gateway connection. */
    private final String instance = UUID.randomUUID().toString();
    /** Sessions with the gateway so far: a new session numbers its events from 1 again. */
    private final AtomicLong sessions = new AtomicLong();
    /** The client, once ready: answers to reactions carried out after a take-over go through it. */
    private final AtomicReference<JDA> jda = new AtomicReference<>();

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
        actions.carryOutKind(REACTION, this::performReaction);
        actions.answerWith(Platform.DISCORD, this::answerTakenOver);
    }

    /**
     * An action carried out by the inbox job (its process died, or its effect failed): a reaction's answer goes by
     * direct message as always; an interaction's answer replaces its deferred reply ("thinking…") while its token is
     * valid ({@link #TOKEN_VALID} from when it was recorded), and is only logged after that. "Try again" is not said:
     * the job tries again by itself.
     */
    private void answerTakenOver(InboxEntry entry, Answer answer) {
        JDA client = jda.get();
        if (client == null || isUnavailable(answer)) {
            log.info("Discord action {} carried out after a take-over; not answered", entry.key());
            return;
        }
        if (entry.kind().equals(REACTION)) {
            tellPrivately(client, entry.user().userId(), answer);
            return;
        }
        String token = entry.field(TOKEN);
        Instant lapses = entry.receivedAt().plus(TOKEN_VALID);
        if (token.isEmpty() || !actions.clock().instant().isBefore(lapses)) {
            log.info(
                    "Discord action {} carried out after a take-over; its interaction has lapsed, so no way to answer",
                    entry.key());
            return;
        }
        try {
            DiscordChat.call(() -> InteractionHook.from(client, token)
                    .editOriginal(TextLimit.DISCORD_MESSAGE.cut(text(answer)))
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)));
            answers.called(Platform.DISCORD, "reply", ChatCalls.Outcome.OK);
            log.info("Discord action {} carried out after a take-over; answered in its interaction", entry.key());
        } catch (RuntimeException e) {
            answers.called(Platform.DISCORD, "reply", ChatCalls.outcomeOf(e));
            // the process died before deferring (Discord then dropped the interaction), or the token lapsed early
            log.info(
                    "Discord action {} carried out after a take-over; its interaction could not be answered: {}",
                    entry.key(),
                    e.getMessage());
        }
    }

    /** {@code entry} with the interaction's token, so that it can be answered after a take-over; see {@link #TOKEN}. */
    static InboxEntry answerable(InboxEntry entry, String token) {
        var fields = new LinkedHashMap<String, String>(entry.fields());
        fields.put(TOKEN, token);
        return new InboxEntry(entry.key(), entry.user(), entry.kind(), fields, entry.receivedAt());
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
            // keyed by what was typed, not the interaction: typing it again after "try again" records nothing new
            String typed = String.join(" ", fields.sequencedValues());
            recordThenAnswer(
                    event,
                    "slash " + event.getSubcommandName(),
                    actions.action(
                            actions.retypeKey("discord:command", user, place.channel(), typed), user, SLASH, fields));
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
        // keyed by the form and what was written in it: sending it again after "try again" records nothing new
        String key = "discord:form:" + user.userId() + ":"
                + Integer.toHexString(Objects.hash(event.getModalId(), place.channel(), form));
        recordThenAnswer(event, "form", actions.form(key, user, place.channel(), form));
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
        if (pressed.isEmpty()) {
            return;
        }
        ChatUser user = user(event.getUser().getId());
        if (!event.isFromGuild()) {
            // a direct message has no guild: only its own buttons, and only for people the configuration knows
            if (!served.servesOutsideGuilds(pressed.get().inDirectMessage(), user)) {
                log.info("Discord: refused a button pressed outside a guild by {}", user.userId());
                event.reply(ServedGuilds.DIRECT_MESSAGE_REFUSAL)
                        .setEphemeral(true)
                        .queue(null, e -> log.debug("Discord: refusing a press failed: {}", e.getMessage()));
                return;
            }
        } else if (refused(event)) {
            return;
        }
        Place place = place(event.getChannel());
        recordThenAnswer(
                event,
                "button " + pressed.get().action().command(),
                actions.press(
                        // keyed by the button, not the interaction: pressing it again after "try again" (or a double
                        // click) records nothing new
                        actions.retypeKey(
                                "discord:press",
                                user,
                                place.channel(),
                                event.getComponentId() + "@" + event.getMessageId()),
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
     *
     * <p>A reaction that means an action is recorded ({@link RecordedActions}) before it is carried out, keyed by the
     * message, the user, the emoji and the gateway event that brought it ({@link #gatewayEvent}): a replayed event
     * (a resumed session) is the same key and does nothing new, the same emoji added again later is a new key and acts
     * again. Recorded, it survives a crash: the inbox job carries it out after a restart, once.
     */
    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent event) {
        if (event.getUserIdLong() == event.getJDA().getSelfUser().getIdLong()
                || !served.serves(guild(event.isFromGuild(), event::getGuild))) {
            return;
        }
        String emoji = emoji(event.getEmoji());
        if (!commands.isAction(emoji)) {
            return;
        }
        String messageId = event.getMessageId();
        String userId = event.getUserId();
        String seen = reactionKey(messageId, userId, emoji);
        InboxEntry entry = reaction(
                seen + ":" + gatewayEvent(event.getResponseNumber()), event.getChannel(), messageId, userId, emoji);
        JDA jda = event.getJDA();
        inOrder(seen, "reaction", () -> recordReaction(jda, entry, 1));
    }

    /**
     * The identity of a gateway event: this listener, its session with the gateway, and the event's sequence number
     * in it. Discord replays events of a resumed session with their own numbers; a new session starts counting again.
     */
    private String gatewayEvent(long sequence) {
        return instance + "-" + sessions.get() + "-" + sequence;
    }

    private InboxEntry reaction(String key, MessageChannel channel, String messageId, String userId, String emoji) {
        return actions.action(
                key,
                user(userId),
                REACTION,
                Map.of("channel", place(channel).channel().channelId(), "message", messageId, "emoji", emoji));
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

    /**
     * The key that says the bot has seen this reaction, while it stays on the message. The emoji in its one Unicode
     * form (⬆️ with its variation selector, as the reconciliation asks for it), as clients send some with or without
     * it: so the live event, its removal and the reconciliation finding the same reaction share one key, and one line
     * of {@link #inOrder}; whichever comes second sees the key taken and stays silent.
     */
    static String reactionKey(String messageId, String userId, String emoji) {
        return "discord:reaction:" + messageId + ":" + userId + ":"
                + dev.escalator.config.Emoji.unicode(emoji).orElse(emoji);
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
        var unused = next.whenComplete((done, failed) -> lines.remove(key, next));
    }

    /** Reactions added while the session was gone were never sent: look at the root messages instead. */
    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        sessions.incrementAndGet();
        JDA jda = event.getJDA();
        later("reconciling reactions", () -> missed.find(jda, this::reconcile));
    }

    /** The same after a start: reactions added while the bot was down (a restart, a crash) were never sent either. */
    @Override
    public void onReady(ReadyEvent event) {
        sessions.incrementAndGet();
        JDA jda = event.getJDA();
        this.jda.set(jda);
        later("reconciling reactions", () -> missed.find(jda, this::reconcile));
    }

    /**
     * Records a live reaction, then carries it out. Discord never sends a gateway event again, so a reaction that
     * cannot be recorded (the store down or hanging) is tried again here a few times ({@link #RECORD_AGAIN}), with the
     * same key; after that it is left to the reconciliation at the next reconnect or start, which finds it on the
     * root message as long as it stays there and the bot has not seen it.
     */
    private void recordReaction(JDA jda, InboxEntry entry, int attempt) {
        try (var logContext = LogContext.of()
                .platform(Platform.DISCORD)
                .user(entry.user().userId())
                .action("reaction")) {
            switch (actions.record(entry)) {
                case Recording.Recorded recorded -> {
                    CrashHook.answeredOnDiscord("Discord reaction");
                    carryOutReaction(jda, entry);
                }
                case Recording.AlreadyRecorded again
                when !again.done() ->
                    actions.takeOver(entry.key())
                            .ifPresentOrElse(
                                    taken -> carryOutReaction(jda, taken),
                                    () -> log.info("Discord reaction {} already in hand", entry.key()));
                case Recording.AlreadyRecorded done -> log.info("Discord reaction {} already handled", entry.key());
                case Recording.NotRecorded failed -> {
                    if (attempt > RECORD_AGAIN.size()) {
                        log.warn(
                                "Discord reaction {} not recorded after {} tries; the reconciliation at the next"
                                        + " reconnect or start applies it if it is still on the message",
                                entry.key(),
                                attempt);
                        return;
                    }
                    Duration wait = RECORD_AGAIN.get(attempt - 1);
                    log.warn("Discord reaction {} not recorded; trying again in {} s", entry.key(), wait.toSeconds());
                    sleep(wait);
                    recordReaction(jda, entry, attempt + 1);
                }
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopping", e);
        }
    }

    /** Carries out a reaction held here; the inbox job tries it again when the store failed, so no "try again". */
    private void carryOutReaction(JDA jda, InboxEntry entry) {
        actions.carryOut(entry)
                .filter(answer -> !isUnavailable(answer))
                .ifPresent(answer -> tellPrivately(jda, entry.user().userId(), answer));
    }

    /**
     * A reaction found on a root message after a reconnect or a start: applied only if the bot has not seen it (its
     * {@link #reactionKey} is new, and its action by that person is not in the timeline, see {@link
     * MissedReactionsOnDiscord}), recorded with a key of the escalation's state, so finding it twice records it once.
     */
    private void reconcile(MessageChannel channel, String messageId, String userId, String emoji, long version) {
        String seen = reactionKey(messageId, userId, emoji);
        inOrder(seen, "missed reaction", () -> {
            InboxEntry entry = reaction(seen + ":missed@" + version, channel, messageId, userId, emoji);
            if (!inbound.firstTimeFor(seen, entry.key(), REACTION_REMEMBERED)) {
                return;
            }
            log.info("Discord reaction {} by user {} on message {} missed; applying it", emoji, userId, messageId);
            switch (actions.record(entry)) {
                case Recording.Recorded recorded -> carryOutReaction(channel.getJDA(), entry);
                case Recording.AlreadyRecorded again
                when !again.done() ->
                    actions.takeOver(entry.key()).ifPresent(taken -> carryOutReaction(channel.getJDA(), taken));
                case Recording.AlreadyRecorded done -> log.info("Discord reaction {} already handled", entry.key());
                // not recorded now: unseen again, so the next reconciliation finds it
                case Recording.NotRecorded failed -> inbound.forget(seen);
            }
        });
    }

    /**
     * A recorded reaction, carried out here or after a take-over. It acts only if this event is the first to see the
     * reaction ({@link #reactionKey}, held by the entry's key, so the same entry carried out again after a crash still
     * acts): the same reaction delivered twice, or to each of several replicas, is recorded once per delivery but acts
     * once, and a reconciliation does not apply it again. The answer only when the person did not change the
     * escalation (a refusal, a no-op).
     */
    private Optional<Answer> performReaction(InboxEntry entry, ChatCommands recorded) {
        String messageId = entry.field("message");
        String emoji = entry.field("emoji");
        ChatUser user = entry.user();
        if (!inbound.firstTimeFor(reactionKey(messageId, user.userId(), emoji), entry.key(), REACTION_REMEMBERED)) {
            log.info("Discord reaction {} seen before (delivered twice, or to another replica): done", entry.key());
            return Optional.empty();
        }
        log.info("Discord reaction {} by user {} on message {}", emoji, user.userId(), messageId);
        Optional<EscalationId> id = store.findByMessage(Platform.DISCORD, messageId);
        int before = timelineSize(id);
        return recorded.react(user, messageId, emoji)
                .filter(answer -> !actedSince(id, before, user) || isUnavailable(answer));
    }

    private static boolean isUnavailable(Answer answer) {
        return answer instanceof Answer.Text text && text.text().equals(ChatCommands.UNAVAILABLE);
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

    /**
     * A person's action: recorded before the deferred reply, within the budget, then carried out and answered through
     * the hook. Recorded before (tried again, or a second delivery): carried out now if nobody holds it, else the
     * person hears it is in hand or done; never done twice. Not recorded in time: the person is told so at once, and
     * that trying again is safe.
     */
    private void recordThenAnswer(IReplyCallback event, String what, InboxEntry action) {
        InboxEntry entry = answerable(action, event.getToken());
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
                        actions.takeOver(entry.key())
                                .ifPresentOrElse(
                                        taken -> {
                                            defer(event, what);
                                            actions.carryOut(taken)
                                                    .ifPresent(answer -> send(hook, what, userId, answer));
                                        },
                                        () -> replyPrivately(event, what, IN_HAND));
                    case Recording.AlreadyRecorded done -> {
                        // the same interaction again (a replayed session: this reply then fails quietly), or the
                        // same action tried again after "try again": it was done
                        log.info("Discord {} {} already handled", what, entry.key());
                        replyPrivately(event, what, DONE_BEFORE);
                    }
                    case Recording.NotRecorded failed ->
                        event.reply(RecordedActions.NOT_RECORDED)
                                .setEphemeral(true)
                                .queue(null, e -> log.warn("Discord: answering {} failed", what, e));
                }
            }
        });
    }

    private static void replyPrivately(IReplyCallback event, String what, String text) {
        event.reply(text)
                .setEphemeral(true)
                .queue(null, e -> log.debug("Discord: answering {} failed (answered elsewhere?)", what));
    }

    private static void defer(IReplyCallback event, String what) {
        event.deferReply(true)
                .queue(
                        done -> CrashHook.answeredOnDiscord("Discord " + what),
                        e -> log.debug("Discord: deferring {} failed (answered elsewhere?)", what));
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
