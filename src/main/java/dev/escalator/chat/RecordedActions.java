package dev.escalator.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.escalator.core.Action;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Inbox;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.http.CrashHook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's action on its way in (SPEC §8, STYLE habit 21): what the platform hears 2xx for is stored first, within
 * {@link #BUDGET}, in one of two ways.
 *
 * <ul>
 *   <li>An action on an escalation that exists already (a Slack reaction or button press) is carried out before the
 *       answer ({@link #carryOutBeforeAnswer}): its effect and its key are one guarded write ({@link
 *       ChatCommands#carryingOut}), so the stored effect is its record, and an action that changes nothing (👀 on an
 *       acknowledged escalation) has nothing to lose. No inbox write. If the store fails meanwhile it falls back to
 *       the inbox, as below.
 *   <li>Any other action is recorded in the {@link Inbox} ({@link #record}), then carried out at once in this
 *       process, and by {@link CarryOutRecordedActions} if this process dies first or the effect failed; then the
 *       inbox entry is marked done. An opening must go this way: it needs the escalation id the inbox keeps with the
 *       action, so that carrying it out again opens nothing new.
 * </ul>
 *
 * Either way carrying out stores the effect and the action's key in one guarded write, so a second run, a platform's
 * retry, or a take-over by another replica changes nothing more.
 *
 * <p>Only Slack's reactions and button presses go the first way, as Slack waits for their 200 and retries what it is
 * not answered. Slack's forms always open an escalation; its typed commands may, and a command typed again is answered
 * from the inbox's memory of done keys without a round trip. Discord's reactions come through the gateway with no
 * answer to wait for, and its interactions are deferred at once and worked on after, so nobody waits on their record.
 *
 * <p>The kinds of action, and the fields each keeps, are the constants and factory methods here; the adapters build
 * entries with them and nothing else.
 */
public final class RecordedActions {
    private static final Logger log = LoggerFactory.getLogger(RecordedActions.class);

    /**
     * How long the request path waits for the store to record an action: with the network both ways, the person (or
     * the platform) still hears back within 3 s when the store hangs rather than refuses.
     */
    public static final Duration BUDGET = Duration.ofSeconds(2);

    /** How long a process holds an action it is carrying out before another may take it over. */
    static final Duration LEASE = Duration.ofSeconds(30);

    /** How long a retyped command counts as the same one. */
    static final Duration RETYPE_WINDOW = Duration.ofMinutes(2);

    /** How long a done action's key is remembered: platforms retry for minutes, not hours. */
    public static final Duration REMEMBER = Duration.ofHours(1);

    /**
     * How long this process remembers an action it carried out before the answer, so that a platform's retry is
     * dropped without a round trip (Slack retries an event three times: at once, after a minute and after five). Memory only ever says
     * "carried out", never "new": past it, a retry is carried out again and the escalation's guarded write, which
     * keeps the latest {@code HANDLED_KEPT} keys of each escalation with its effects, stores nothing twice.
     */
    static final Duration CARRIED_OUT_IN_MEMORY = Duration.ofMinutes(10);

    private static final int CARRIED_OUT_KEPT_IN_MEMORY = 100_000;

    /** What a person is told when the action could not be recorded in time: truthfully, it may have been. */
    public static final String NOT_RECORDED =
            "Escalator could not record this right now (its store did not answer in time). It may have been recorded"
                    + " anyway: please try again in a minute; trying again is safe, nothing is done twice.";

    static final String REACTION = "reaction";
    static final String PRESS = "press";
    static final String COMMAND = "command";
    static final String FORM = "form";

    /** What recording an action came to. */
    public sealed interface Recording {
        /** Recorded now and held by this process: carry it out with {@link #carryOut}. */
        record Recorded(InboxEntry entry) implements Recording {}

        /** Recorded before (a platform's retry, a second delivery): carried out, or being carried out. */
        record AlreadyRecorded(InboxEntry entry, boolean done) implements Recording {}

        /** Not recorded within {@link #BUDGET}, or the store failed: the platform must hear an error, or the person. */
        record NotRecorded() implements Recording {}
    }

    /** What carrying out an action before the platform's answer came to ({@link #carryOutBeforeAnswer}). */
    public sealed interface BeforeAnswer {
        /**
         * Its effect is stored with its key, or it changes nothing: the platform hears 2xx, then the person {@code
         * answer}, if any, away from the request.
         */
        record CarriedOut(InboxEntry entry, Optional<Answer> answer) implements BeforeAnswer {}

        /** The store failed while carrying it out, or this process carried it out before: as recording it came to. */
        record InInbox(Recording recording) implements BeforeAnswer {}
    }

    private final ChatCommands commands;
    private final Inbox inbox;
    private final Clock clock;
    private final String owner;
    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("record-", 0).factory());
    private final Map<Platform, BiConsumer<InboxEntry, Answer>> answerers = new HashMap<>();
    private final boolean holdBack;
    private final Map<String, BiFunction<InboxEntry, ChatCommands, Optional<Answer>>> kinds =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Hears of each action carried out before the answer, and whether it was a retry this process knew: metrics. */
    private volatile BiConsumer<InboxEntry, Boolean> carriedOutCounter = (entry, again) -> {};
    /** Keys of actions this process carried out before the answer: their effects are stored, or there were none. */
    private final Cache<String, Boolean> carriedOutHere = Caffeine.newBuilder()
            .maximumSize(CARRIED_OUT_KEPT_IN_MEMORY)
            .expireAfterWrite(CARRIED_OUT_IN_MEMORY)
            .build();

    /** {@code replica} names this process in the leases it takes; each start gets its own owner name. */
    public RecordedActions(ChatCommands commands, Inbox inbox, Clock clock, String replica) {
        this(commands, inbox, clock, replica, false);
    }

    /**
     * {@code holdBack}: for a crash test only, actions recorded in a request are not carried out in its wake (the
     * process is about to halt); the job still carries out those it takes over. Actions carried out before the answer
     * ({@link #carryOutBeforeAnswer}) are not held back: their effect is what the platform's 2xx stands for.
     */
    public RecordedActions(ChatCommands commands, Inbox inbox, Clock clock, String replica, boolean holdBack) {
        this.holdBack = holdBack;
        this.commands = Objects.requireNonNull(commands, "commands");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = replica + "/" + UUID.randomUUID();
    }

    /**
     * How the platform answers the person privately when an action is carried out away from its request (after a
     * take-over); without one the answer is only logged.
     */
    public void answerWith(Platform platform, BiConsumer<InboxEntry, Answer> answerer) {
        synchronized (answerers) {
            answerers.put(platform, answerer);
        }
    }

    /**
     * Who counts the actions carried out before the answer ({@link #carryOutBeforeAnswer}), with whether each was a
     * retry this process had carried out: set once at start, before any action arrives.
     */
    public void countCarriedOutWith(BiConsumer<InboxEntry, Boolean> counter) {
        this.carriedOutCounter = Objects.requireNonNull(counter, "counter");
    }

    /**
     * A kind of action an adapter records with {@link #action} and knows how to carry out (a Discord slash command,
     * decoded from its options); registered at start, before any such action can arrive or be taken over.
     */
    public void carryOutKind(String kind, BiFunction<InboxEntry, ChatCommands, Optional<Answer>> perform) {
        kinds.put(kind, perform);
    }

    // ---- the actions, as entries

    /** An action of a kind registered with {@link #carryOutKind}. */
    public InboxEntry action(String key, ChatUser user, String kind, Map<String, String> fields) {
        return entry(key, user, kind, fields);
    }

    public InboxEntry reaction(String key, ChatUser user, ChannelRef channel, String messageId, String reaction) {
        return entry(
                key, user, REACTION, Map.of("channel", channel.channelId(), "message", messageId, "emoji", reaction));
    }

    public InboxEntry press(String key, ChatUser user, ChannelRef channel, EscalationId id, Action action) {
        return entry(
                key,
                user,
                PRESS,
                Map.of("channel", channel.channelId(), "escalation", id.toString(), "action", action.name()));
    }

    public InboxEntry command(
            String key, ChatUser user, ChannelRef channel, String text, Optional<EscalationId> context) {
        var fields = new HashMap<String, String>(Map.of("channel", channel.channelId(), "text", text));
        context.ifPresent(id -> fields.put("context", id.toString()));
        return entry(key, user, COMMAND, fields);
    }

    public InboxEntry form(String key, ChatUser user, ChannelRef channel, FormInput form) {
        var fields = new HashMap<String, String>();
        fields.put("channel", channel.channelId());
        fields.put("title", form.title());
        form.whatIsWrong().ifPresent(v -> fields.put("whatIsWrong", v));
        form.impact().ifPresent(v -> fields.put("impact", v));
        form.tried().ifPresent(v -> fields.put("tried", v));
        form.helpNeeded().ifPresent(v -> fields.put("helpNeeded", v));
        form.decisionBy().ifPresent(v -> fields.put("decisionBy", v));
        form.severity().ifPresent(v -> fields.put("severity", v));
        form.path().ifPresent(v -> fields.put("path", v));
        return entry(key, user, FORM, fields);
    }

    /**
     * The key of a typed command that has no event key of its own to survive a retype: who typed what where, within
     * {@link #RETYPE_WINDOW}. Typing the same command again after "try again" records nothing new; so does typing it
     * twice in a row, which is what a person who was not answered does.
     */
    public String retypeKey(String prefix, ChatUser user, ChannelRef channel, String text) {
        long window = clock.instant().getEpochSecond() / RETYPE_WINDOW.toSeconds();
        return prefix + ":" + user.userId() + ":" + channel.channelId() + ":"
                + Integer.toHexString(text.strip().hashCode()) + ":" + window;
    }

    private InboxEntry entry(String key, ChatUser user, String kind, Map<String, String> fields) {
        return new InboxEntry(key, user, kind, fields, clock.instant());
    }

    /**
     * Whether a typed command changes anything and so is recorded first; reading (status, list, help) is answered
     * straight away, as there is nothing to lose.
     */
    public static boolean changesSomething(ChatRequest request) {
        return switch (request) {
            case ChatRequest.Open ignored -> true;
            case ChatRequest.Acknowledge ignored -> true;
            case ChatRequest.Resolve ignored -> true;
            case ChatRequest.Escalate ignored -> true;
            case ChatRequest.Decline ignored -> true;
            case ChatRequest.Reassign ignored -> true;
            case ChatRequest.Snooze ignored -> true;
            case ChatRequest.Note ignored -> true;
            case ChatRequest.Reopen ignored -> true;
            case ChatRequest.OpenForm ignored -> false;
            case ChatRequest.Status ignored -> false;
            case ChatRequest.Timeline ignored -> false;
            case ChatRequest.ListEscalations ignored -> false;
            case ChatRequest.Stats ignored -> false;
            case ChatRequest.Help ignored -> false;
            case ChatRequest.OnCall ignored -> false;
            // stored with one write before the answer, and touching no escalation: done again, it changes nothing
            // anyone sees (the newest of two equal overrides wins)
            case ChatRequest.OverrideRotation ignored -> false;
            case ChatRequest.Invalid ignored -> false;
        };
    }

    // ---- recording and carrying out

    /**
     * Records {@code entry} with one write, waiting at most {@link #BUDGET}: every store failure, and a store that
     * hangs, come back as {@link Recording.NotRecorded} (the write may still go through; recording the same key again
     * is then a no-op, so the retry is safe).
     */
    public Recording record(InboxEntry entry) {
        return record(entry, BUDGET);
    }

    private Recording record(InboxEntry entry, Duration budget) {
        CompletableFuture<Inbox.Recorded> write = CompletableFuture.supplyAsync(
                () -> inbox.record(entry, owner, clock.instant().plus(LEASE)), writers);
        try {
            return switch (write.get(Math.max(0, budget.toMillis()), TimeUnit.MILLISECONDS)) {
                case NEW -> new Recording.Recorded(entry);
                case PENDING -> new Recording.AlreadyRecorded(entry, false);
                case DONE -> new Recording.AlreadyRecorded(entry, true);
            };
        } catch (TimeoutException e) {
            log.warn(
                    "{}: action {} not recorded within {} ms", entry.user().platform(), entry.key(), BUDGET.toMillis());
            releaseWhenLanded(entry, write);
            return new Recording.NotRecorded();
        } catch (ExecutionException e) {
            // any failure of the store, not only the driver's: the person hears "try again", the platform an error
            log.warn(
                    "{}: action {} not recorded: {}",
                    entry.user().platform(),
                    entry.key(),
                    String.valueOf(e.getCause()));
            return new Recording.NotRecorded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Recording.NotRecorded();
        }
    }

    /**
     * Carries out {@code entry}, an action on an escalation that exists already (never an opening: that needs the id
     * the inbox keeps), before the platform hears 2xx, waiting at most {@link #BUDGET}. Its effect and its key are one
     * guarded write, so that write is its record: nothing goes to the inbox. When the store fails meanwhile the action
     * is recorded in the inbox instead, within what is left of the budget, as {@link #record} does. When the store does
     * not answer within the budget it is {@link Recording.NotRecorded}, as for a record: the write may still land,
     * and the platform's retry then finds the key stored with the effect and changes nothing more.
     *
     * <p>On several replicas the escalation's guarded write decides which of two deliveries acts, as for a take-over;
     * reads are never kept decoded on a real MongoDB, so no replica decides on a stale escalation.
     */
    public BeforeAnswer carryOutBeforeAnswer(InboxEntry entry) {
        if (carriedOutHere.getIfPresent(entry.key()) != null) {
            carriedOutCounter.accept(entry, true);
            return new BeforeAnswer.InInbox(new Recording.AlreadyRecorded(entry, true));
        }
        long deadline = System.nanoTime() + BUDGET.toNanos();
        CompletableFuture<Optional<Answer>> acting =
                CompletableFuture.supplyAsync(() -> perform(entry, commands.carryingOut(entry.key())), writers);
        Optional<Answer> answer;
        try {
            answer = acting.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "{}: action {} not carried out within {} ms",
                    entry.user().platform(),
                    entry.key(),
                    BUDGET.toMillis());
            return new BeforeAnswer.InInbox(new Recording.NotRecorded());
        } catch (ExecutionException e) {
            log.warn("{}: action {} failed: {}", entry.user().platform(), entry.key(), String.valueOf(e.getCause()));
            answer = Optional.of(new Answer.Text(ChatCommands.UNAVAILABLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BeforeAnswer.InInbox(new Recording.NotRecorded());
        }
        if (unavailable(answer)) {
            // the effect may have been stored all the same (a commit that failed after the write): the entry's job
            // carries it out under the same key, so it is stored once either way
            log.info("{}: action {} falls back to the inbox", entry.user().platform(), entry.key());
            return new BeforeAnswer.InInbox(record(entry, Duration.ofNanos(deadline - System.nanoTime())));
        }
        carriedOutHere.put(entry.key(), Boolean.TRUE);
        carriedOutCounter.accept(entry, false);
        CrashHook.reached(CrashHook.Point.AFTER_ACTION_STORED);
        return new BeforeAnswer.CarriedOut(entry, answer);
    }

    /**
     * A write given up on may still land, holding the entry for this process that no longer carries it out: it is let
     * go of as soon as the write finishes, so the person's retry (or the job) takes it over at once instead of after
     * the {@link #LEASE}.
     */
    private void releaseWhenLanded(InboxEntry entry, CompletableFuture<Inbox.Recorded> write) {
        // the step handles its own failures: nothing waits for it
        var unused = write.thenAcceptAsync(
                landed -> {
                    if (landed != Inbox.Recorded.NEW) {
                        return;
                    }
                    try {
                        inbox.release(entry.key(), owner);
                        log.info(
                                "{}: action {} recorded late; let go of",
                                entry.user().platform(),
                                entry.key());
                    } catch (RuntimeException e) {
                        // the lease lapses by itself and the job takes the entry over then
                        log.warn(
                                "{}: action {} recorded late and not let go of: {}",
                                entry.user().platform(),
                                entry.key(),
                                e.toString());
                    }
                },
                writers);
    }

    /**
     * Takes over an action recorded before that nobody holds now (a retry after an effect failed, or one whose
     * process died): empty when someone holds it or it is done.
     */
    public Optional<InboxEntry> takeOver(String key) {
        return takeOver(key, clock.instant());
    }

    Optional<InboxEntry> takeOver(String key, Instant freeBy) {
        return inbox.claim(key, owner, freeBy, clock.instant().plus(LEASE));
    }

    /**
     * Carries out an action this process holds, and marks it done once its effect is stored; the person's answer, or
     * empty when there is nothing to say (an emoji that means nothing). When the store fails the entry is let go of,
     * so the next try (the platform's retry, the job) runs it again, and the person hears "try again".
     */
    public Optional<Answer> carryOut(InboxEntry entry) {
        if (holdBack) {
            log.warn("{}: action {} held back for a crash test", entry.user().platform(), entry.key());
            return Optional.empty();
        }
        return carryOutTakenOver(entry);
    }

    /** As {@link #carryOut}, for the job: never held back. */
    Optional<Answer> carryOutTakenOver(InboxEntry entry) {
        Optional<Answer> answer;
        try {
            answer = perform(entry, commands.carryingOut(entry.key()));
        } catch (RuntimeException e) {
            // any failure, not only the store's: let go of it so it is tried again, and tell the person
            log.warn("{}: action {} failed: {}", entry.user().platform(), entry.key(), e.toString());
            answer = Optional.of(new Answer.Text(ChatCommands.UNAVAILABLE));
        }
        boolean failed = unavailable(answer);
        try {
            if (failed) {
                inbox.release(entry.key(), owner);
            } else {
                inbox.done(entry.key(), REMEMBER);
            }
        } catch (StoreUnavailableException e) {
            // the lease lapses by itself and the job takes it over; its effect, if stored, is not repeated
            log.warn("{}: action {} not marked {}", entry.user().platform(), entry.key(), failed ? "free" : "done");
        }
        return answer;
    }

    /** Answers the person of an action carried out away from its request, through its platform, if it has a way. */
    void answerLater(InboxEntry entry, Answer answer) {
        BiConsumer<InboxEntry, Answer> answerer;
        synchronized (answerers) {
            answerer = answerers.get(entry.user().platform());
        }
        if (answerer == null) {
            log.info(
                    "{}: action {} carried out; no way to answer {}",
                    entry.user().platform(),
                    entry.key(),
                    entry.user().userId());
            return;
        }
        try {
            answerer.accept(entry, answer);
        } catch (RuntimeException e) {
            log.warn(
                    "{}: answer to {} not sent: {}",
                    entry.user().platform(),
                    entry.user().userId(),
                    e.toString());
        }
    }

    Inbox inbox() {
        return inbox;
    }

    /** The clock entries are recorded by: an adapter judges by it how old a recorded action is. */
    public Clock clock() {
        return clock;
    }

    private Optional<Answer> perform(InboxEntry entry, ChatCommands commands) {
        ChatUser user = entry.user();
        var channel = new ChannelRef(user.platform(), entry.field("channel"));
        return switch (entry.kind()) {
            case REACTION -> commands.react(user, entry.field("message"), entry.field("emoji"));
            case PRESS ->
                EscalationId.parse(entry.field("escalation"))
                        .map(id -> commands.press(user, id, Action.valueOf(entry.field("action"))));
            case COMMAND ->
                Optional.of(commands.handle(
                        CommandLine.parse(entry.field("text")),
                        user,
                        channel,
                        EscalationId.parse(entry.field("context"))));
            case FORM -> Optional.of(commands.submit(form(entry), user, channel));
            default -> {
                var registered = kinds.get(entry.kind());
                if (registered == null) {
                    log.error("{}: action {} of unknown kind {} dropped", user.platform(), entry.key(), entry.kind());
                    yield Optional.empty();
                }
                yield registered.apply(entry, commands);
            }
        };
    }

    /** Whether carrying out failed: the store did not take its effect, or may not have. */
    private static boolean unavailable(Optional<Answer> answer) {
        return answer.filter(a -> a instanceof Answer.Text text && text.text().equals(ChatCommands.UNAVAILABLE))
                .isPresent();
    }

    private static FormInput form(InboxEntry entry) {
        return new FormInput(
                entry.field("title"),
                optional(entry, "whatIsWrong"),
                optional(entry, "impact"),
                optional(entry, "tried"),
                optional(entry, "helpNeeded"),
                optional(entry, "decisionBy"),
                optional(entry, "severity"),
                optional(entry, "path"));
    }

    private static Optional<String> optional(InboxEntry entry, String field) {
        return Optional.ofNullable(entry.fields().get(field));
    }
}
