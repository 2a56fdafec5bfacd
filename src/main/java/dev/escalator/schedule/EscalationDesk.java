package dev.escalator.schedule;

import dev.escalator.core.Actor;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.Inbox;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.Problem;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.Transitions;
import dev.escalator.logging.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where people's requests become stored changes, the way {@link FireDueSteps} makes due steps into them: load the
 * escalation, let the core decide, write the result guarded by version, and if someone else wrote first (a timer,
 * another replica, a second click), decide again on what they left. Once this returns {@link Reply.Opened} or {@link
 * Reply.Done} the change is stored, durably.
 */
public final class EscalationDesk {
    private static final Logger log = LoggerFactory.getLogger(EscalationDesk.class);

    /** Contention on one escalation is rare and short; after this many lost races, something is wrong. */
    static final int ATTEMPTS = 5;

    private final EscalationStore store;
    private final Transitions transitions;
    private final Clock clock;
    private final AfterWrite afterWrite;
    private final Optional<Inbox> inbox;
    /** The recorded action this desk carries out, if any: stored as handled with its effect. */
    private final Optional<String> action;

    private final OnCallOverrideStore overrides;

    /**
     * {@code afterWrite} hears of every stored change, as it hears of {@link FireDueSteps}'s: in the bot it wakes
     * delivery and the step loop in this process and counts what happened for the metrics.
     */
    public EscalationDesk(EscalationStore store, Transitions transitions, Clock clock, AfterWrite afterWrite) {
        this(store, transitions, clock, afterWrite, Optional.empty(), Optional.empty(), OnCallOverrideStore.NONE);
    }

    /** A desk that can carry out actions recorded in {@code inbox} ({@link #carryingOut}). */
    public EscalationDesk(
            EscalationStore store, Transitions transitions, Clock clock, AfterWrite afterWrite, Inbox inbox) {
        this(store, transitions, clock, afterWrite, Optional.of(inbox), Optional.empty(), OnCallOverrideStore.NONE);
    }

    private EscalationDesk(
            EscalationStore store,
            Transitions transitions,
            Clock clock,
            AfterWrite afterWrite,
            Optional<Inbox> inbox,
            Optional<String> action,
            OnCallOverrideStore overrides) {
        this.store = store;
        this.transitions = transitions;
        this.clock = clock;
        this.afterWrite = afterWrite;
        this.inbox = inbox;
        this.action = action;
        this.overrides = overrides;
    }

    /**
     * This desk, resolving the rotations of every level it tags with the on-call overrides kept in {@code overrides}
     * (SPEC §5), read just before each decision.
     */
    public EscalationDesk consulting(OnCallOverrideStore overrides) {
        return new EscalationDesk(store, transitions, clock, afterWrite, inbox, action, overrides);
    }

    /** The overrides this desk resolves rotations with. */
    public OnCallOverrideStore overrides() {
        return overrides;
    }

    /**
     * This desk, carrying out the action recorded in the inbox under {@code key}: each change it stores records the key
     * as handled in the same write, and an escalation it opens takes the id kept with the action. So carrying the same
     * action out again (after a crash, on a platform's retry) changes nothing more.
     */
    public EscalationDesk carryingOut(String key) {
        if (inbox.isEmpty()) {
            throw new IllegalStateException("this desk has no inbox to carry actions out of");
        }
        return new EscalationDesk(store, transitions, clock, afterWrite, inbox, Optional.of(key), overrides);
    }

    public Transitions transitions() {
        return transitions;
    }

    private Transitions transitionsAt(Instant now) {
        return transitions.withOverrides(overrides.notOverAt(now));
    }

    public Reply open(OpenRequest request) {
        try {
            // a refused opening takes no id: ESC-n count what was opened
            Optional<Problem> problem = transitions.check(request, clock.instant());
            if (problem.isPresent()) {
                return new Reply.Rejected(problem.get());
            }
            // a recorded action keeps the id it was given, so carrying it out again opens nothing new
            EscalationId id = action.isPresent()
                    ? inbox.orElseThrow().escalationFor(action.get(), store::nextId)
                    : store.nextId();
            return open(id, request);
        } catch (StoreUnavailableException e) {
            return new Reply.Unavailable();
        }
    }

    /**
     * Opens an escalation under an id allocated beforehand with {@link EscalationStore#nextId()}: the alert intake
     * records the id with the alert's key first, and a recorded action keeps its id in the inbox, so that a crash
     * between the two cannot open anything twice.
     */
    public Reply open(EscalationId id, OpenRequest request) {
        try (var context = LogContext.of().action("open")) {
            if (request.reporter() instanceof Actor.User user) {
                context.platform(user.platform()).user(user.account().userId());
            }
            context.escalation(id);
            Instant now = clock.instant();
            return switch (transitionsAt(now).open(id, request, now)) {
                case Outcome.Applied applied -> {
                    if (!store.create(applied.escalation(), applied.effects())) {
                        // opened under this id before (the same action or alert, carried out again): nothing new
                        log.info("{} was opened already", id);
                        yield new Reply.Opened(store.find(id).orElse(applied.escalation()), true);
                    }
                    log.info("{} opened on path {} by {}", id, request.path(), describe(request.reporter()));
                    afterWrite.stored(StoredChange.byAction(applied.escalation(), 0));
                    yield new Reply.Opened(applied.escalation());
                }
                case Outcome.Rejected rejected -> new Reply.Rejected(rejected.problem());
                case Outcome.Refused refused -> new Reply.Refused(id, refused.reason());
            };
        } catch (StoreUnavailableException e) {
            return new Reply.Unavailable();
        }
    }

    public Reply act(EscalationId id, Command command) {
        try (var context = LogContext.of().escalation(id).action(actionName(command))) {
            if (command.actor() instanceof Actor.User user) {
                context.platform(user.platform()).user(user.account().userId());
            }
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Optional<Escalation> found = store.find(id);
                if (found.isEmpty()) {
                    return new Reply.NotFound(id);
                }
                Instant now = clock.instant();
                Outcome outcome = transitionsAt(now).decide(found.get(), command, now);
                Optional<Reply> stored =
                        store(outcome, command, found.get().timeline().size());
                if (stored.isPresent()) {
                    return stored.get();
                }
                if (action.isPresent() && store.handled(id, action.get())) {
                    // the guard matched nothing because this action's effect is stored already
                    log.info("{}: action {} was carried out already", id, action.get());
                    return new Reply.Done(store.find(id).orElse(found.get()));
                }
            }
            log.warn(
                    "{}: gave up after {} lost races for {}",
                    id,
                    ATTEMPTS,
                    command.getClass().getSimpleName());
            return new Reply.Unavailable();
        } catch (StoreUnavailableException e) {
            return new Reply.Unavailable();
        }
    }

    /** The reply, or empty when the write lost to someone else's and the decision must be made again. */
    private Optional<Reply> store(Outcome outcome, Command command, int earlierEntries) {
        return switch (outcome) {
            case Outcome.Applied applied -> {
                if (!store.save(applied.escalation(), earlierEntries, applied.effects(), action)) {
                    yield Optional.empty();
                }
                log.info("{} {} by {}", applied.escalation().id(), actionName(command), describe(command));
                afterWrite.stored(StoredChange.byAction(applied.escalation(), earlierEntries));
                yield Optional.of(new Reply.Done(applied.escalation()));
            }
            case Outcome.Refused refused -> {
                if (!store.save(refused.escalation(), earlierEntries, List.of(), action)) {
                    yield Optional.empty();
                }
                log.info(
                        "{} refused {} by {}",
                        refused.escalation().id(),
                        refused.action().verb(),
                        describe(command));
                afterWrite.stored(StoredChange.byAction(refused.escalation(), earlierEntries));
                yield Optional.of(new Reply.Refused(refused.escalation().id(), refused.reason()));
            }
            case Outcome.Rejected rejected -> Optional.of(new Reply.Rejected(rejected.problem()));
        };
    }

    /** The command's name for logs: {@code acknowledge}, {@code resolve}, {@code stepdue}. */
    private static String actionName(Command command) {
        return command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String describe(Command command) {
        return describe(command.actor());
    }

    private static String describe(Actor actor) {
        return switch (actor) {
            case Actor.User user -> user.platform() + " user " + user.account().userId();
            case Actor.Integration integration -> "integration " + integration.name();
            case Actor.Bot bot -> "the bot";
        };
    }
}
