package dev.escalator.schedule;

import dev.escalator.core.Actor;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.Problem;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.Transitions;
import dev.escalator.logging.LogContext;
import java.time.Clock;
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

    /**
     * {@code afterWrite} hears of every stored change, as it hears of {@link FireDueSteps}'s: in the bot it wakes
     * delivery and the step loop in this process and counts what happened for the metrics.
     */
    public EscalationDesk(EscalationStore store, Transitions transitions, Clock clock, AfterWrite afterWrite) {
        this.store = store;
        this.transitions = transitions;
        this.clock = clock;
        this.afterWrite = afterWrite;
    }

    public Transitions transitions() {
        return transitions;
    }

    public Reply open(OpenRequest request) {
        try {
            // a refused opening takes no id: ESC-n count what was opened
            Optional<Problem> problem = transitions.check(request, clock.instant());
            if (problem.isPresent()) {
                return new Reply.Rejected(problem.get());
            }
            return open(store.nextId(), request);
        } catch (StoreUnavailableException e) {
            return new Reply.Unavailable();
        }
    }

    /**
     * Opens an escalation under an id allocated beforehand with {@link EscalationStore#nextId()}: the alert intake
     * records the id with the alert's key first, so that a crash between the two cannot open the alert twice.
     */
    public Reply open(EscalationId id, OpenRequest request) {
        try (var context = LogContext.of().action("open")) {
            if (request.reporter() instanceof Actor.User user) {
                context.platform(user.platform()).user(user.account().userId());
            }
            context.escalation(id);
            return switch (transitions.open(id, request, clock.instant())) {
                case Outcome.Applied applied -> {
                    store.create(applied.escalation(), applied.effects());
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
                Outcome outcome = transitions.decide(found.get(), command, clock.instant());
                Optional<Reply> stored =
                        store(outcome, command, found.get().timeline().size());
                if (stored.isPresent()) {
                    return stored.get();
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
                if (!store.save(applied.escalation(), earlierEntries, applied.effects())) {
                    yield Optional.empty();
                }
                log.info("{} {} by {}", applied.escalation().id(), actionName(command), describe(command));
                afterWrite.stored(StoredChange.byAction(applied.escalation(), earlierEntries));
                yield Optional.of(new Reply.Done(applied.escalation()));
            }
            case Outcome.Refused refused -> {
                if (!store.save(refused.escalation(), earlierEntries, List.of())) {
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
