package dev.escalator.alerts;

import dev.escalator.config.Config;
import dev.escalator.config.Integration;
import dev.escalator.core.Actor;
import dev.escalator.core.Command;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Problem;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.schedule.EscalationDesk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an alert into its effect on escalations (SPEC §10): a firing group with no unresolved escalation opens one,
 * one that has it re-fires it, a resolved group resolves it (or notes, without {@code auto_resolve}), a PagerDuty
 * {@code acknowledge} acknowledges it. Past {@code max_new_per_minute} new groups, new groups join one alert storm
 * escalation until the minute passes. A {@link Receipt} other than {@code UNAVAILABLE} means the effect is stored.
 *
 * <p>Opening is safe against two replicas and against a crash at any point: the key is claimed first (a unique
 * insert), then the escalation id is allocated and tied to the key, then the escalation is created. A claim whose
 * opener went quiet for {@link #staleAfter} (at least {@link #STALE_CLAIM}, longer when this replica saw slow openings)
 * is taken over, and the taker creates the escalation under the id already
 * tied to the key, if it was not created yet; if it was (the quiet opener finished after all, and counted it {@code
 * opened}), the taker's alert is a re-fire of it and counted {@code refired}, so {@code opened} counts each escalation
 * once.
 */
public final class AlertIntake {
    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);

    /**
     * The least time a claim must have been left before another replica takes it over. An opening takes milliseconds
     * on a healthy store; this is longer than any alert request is given (the HTTP server's 10 s to read it, then the
     * intake's {@link #WAIT_FOR_OPENING}), so a slow request is not taken over while it still works for its sender.
     * A take-over is always safe (the taker opens under the id tied to the key); it only costs the sender a retry.
     */
    static final Duration STALE_CLAIM = Duration.ofSeconds(15);
    /** How many times the slowest recent opening a claim must have been left, when that is longer than the least. */
    static final int STALE_TIMES_SLOWEST = 4;
    /** How long a request waits for another replica's opening of the same key before it answers "retry". */
    static final Duration WAIT_FOR_OPENING = Duration.ofSeconds(2);

    private static final Duration PAUSE = Duration.ofMillis(20);

    /**
     * Alerts carried out at once. A flood of alerts beyond what the store can take must not queue without bound (each
     * waiting request holds a store connection or waits for one, and the people acknowledging escalations need those
     * too): past this many, a request waits {@link #ADMISSION_WAIT} for a turn and is otherwise answered "retry" (503
     * with Retry-After), as for a store that cannot be reached. Monitoring tools retry, and the alert is not lost.
     */
    static final int AT_ONCE = 16;

    static final Duration ADMISSION_WAIT = Duration.ofMillis(500);

    private final Semaphore turns = new Semaphore(AT_ONCE, true);

    /**
     * Alerts of one key are carried out one at a time in this replica: they all write the same escalation, and N
     * senders racing on its version make N−1 of them lose and read again, more rounds than the desk tries for (a
     * monitoring system's replicas and retries do send one group several times at once). Across replicas the version
     * guard still decides.
     */
    private final ConcurrentHashMap<String, KeyTurn> keyTurns = new ConcurrentHashMap<>();

    private static final class KeyTurn {
        final ReentrantLock lock = new ReentrantLock(true);
        int waiting;
    }

    private final Config config;
    private final AlertKeys keys;
    private final AlertDesk desk;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final String replica;
    /** The slowest recent opening this replica saw, in nanoseconds: decays by a tenth with each faster one. */
    private final AtomicLong slowestOpening = new AtomicLong();

    public AlertIntake(
            Config config,
            AlertKeys keys,
            EscalationDesk desk,
            EscalationStore store,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry registry,
            String replica) {
        this.config = config;
        this.keys = keys;
        this.desk = new AlertDesk(desk, store);
        this.clock = clock;
        this.metrics = new AlertMetrics(registry);
        this.replica = replica;
    }

    List<Integration> integrations() {
        return config.integrations();
    }

    AlertMetrics metrics() {
        return metrics;
    }

    /** The keys whose alerts are taking turns now: an entry lives only while its key has a sender, so none leak. */
    int keysTakingTurns() {
        return keyTurns.size();
    }

    /** Never throws for the store being down, or too busy: that is an {@code UNAVAILABLE} receipt. */
    Receipt receive(Integration integration, AlertEvent alert) {
        if (!awaitTurn()) {
            metrics.received(integration.name(), Receipt.Outcome.UNAVAILABLE);
            log.warn(
                    "Alert from {} key {}: {} alerts already being carried out; answered retry",
                    integration.name(),
                    shortKey(alert.key()),
                    AT_ONCE);
            return unavailable(alert);
        }
        try {
            return oneAtATime(integration.name() + "\n" + alert.key(), () -> carryOut(integration, alert));
        } finally {
            turns.release();
        }
    }

    private Receipt oneAtATime(String key, Supplier<Receipt> work) {
        KeyTurn turn = keyTurns.compute(key, (k, existing) -> {
            KeyTurn taken = existing == null ? new KeyTurn() : existing;
            taken.waiting++;
            return taken;
        });
        turn.lock.lock();
        try {
            return work.get();
        } finally {
            turn.lock.unlock();
            keyTurns.computeIfPresent(key, (k, taken) -> --taken.waiting == 0 ? null : taken);
        }
    }

    private boolean awaitTurn() {
        try {
            return turns.tryAcquire(ADMISSION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Receipt carryOut(Integration integration, AlertEvent alert) {
        Receipt receipt;
        try {
            receipt = switch (alert.signal()) {
                case FIRING -> fire(integration, alert, false);
                case RESOLVED -> resolve(integration, alert);
                case ACKNOWLEDGED -> acknowledge(integration, alert);
            };
        } catch (StoreUnavailableException e) {
            receipt = new Receipt(Receipt.Outcome.UNAVAILABLE, alert.key(), Optional.empty());
        }
        metrics.received(integration.name(), receipt.outcome());
        log.info(
                "Alert from {} key {}: {}{}",
                integration.name(),
                shortKey(alert.key()),
                receipt.outcome().tag(),
                receipt.escalation().map(id -> " " + id).orElse(""));
        return receipt;
    }

    private Receipt fire(Integration integration, AlertEvent alert, boolean stormItself) {
        var actor = new Actor.Integration(integration.name());
        long deadline = System.nanoTime() + WAIT_FOR_OPENING.toNanos();
        while (System.nanoTime() < deadline) {
            var found = keys.find(integration.name(), alert.key());
            if (found.isEmpty()) {
                if (keys.claim(integration.name(), alert.key(), replica, clock.instant())) {
                    return openClaimed(integration, alert, Optional.empty(), stormItself);
                }
                continue;
            }
            var group = found.get();
            if (group.escalation().isEmpty()) {
                if (stale(group) && takeOver(integration, alert, group)) {
                    return openClaimed(integration, alert, Optional.empty(), stormItself);
                }
                pause();
                continue;
            }
            EscalationId id = group.escalation().get();
            var known = new LinkedHashSet<>(AlertmanagerFormat.names(alert.alerts()));
            known.removeAll(group.alerts());
            var newAlerts = group.storm() ? List.<String>of() : List.copyOf(known);
            switch (desk.act(id, new Command.AlertFired(actor, newAlerts))) {
                case AlertDesk.Result.Stored ignored -> {
                    keys.remember(integration.name(), alert.key(), newAlerts);
                    var outcome = newAlerts.isEmpty() ? Receipt.Outcome.REFIRED : Receipt.Outcome.GROUPED;
                    return new Receipt(outcome, alert.key(), Optional.of(id));
                }
                case AlertDesk.Result.Missing ignored -> {
                    if (stale(group) && takeOver(integration, alert, group)) {
                        Receipt receipt = openClaimed(integration, alert, Optional.of(id), stormItself);
                        if (receipt.outcome() != Receipt.Outcome.REFIRED) {
                            return receipt;
                        }
                        // the opener that went quiet created it after all, and counted it opened: this alert is a
                        // re-fire of it, recorded as one next time round
                        continue;
                    }
                    pause();
                }
                case AlertDesk.Result.OpenedBefore ignored -> {
                    // act never answers this; opening does
                    pause();
                }
                case AlertDesk.Result.Rejected rejected -> {
                    // resolved by a person (or not this integration's any more): the alert is back, so it opens anew
                    log.info(
                            "{}: {}; key {} opens a new escalation",
                            id,
                            rejected.problem().message(),
                            shortKey(alert.key()));
                    keys.release(integration.name(), alert.key(), id);
                }
                case AlertDesk.Result.Unavailable ignored -> {
                    return unavailable(alert);
                }
            }
        }
        log.warn(
                "Alert from {} key {}: another opening of it did not finish in time",
                integration.name(),
                shortKey(alert.key()));
        return unavailable(alert);
    }

    /** This request holds the key's claim: open its escalation, or have it join the storm; timed, see {@link #stale}. */
    private Receipt openClaimed(
            Integration integration, AlertEvent alert, Optional<EscalationId> tied, boolean stormItself) {
        long started = System.nanoTime();
        try {
            return openHeld(integration, alert, tied, stormItself);
        } finally {
            observeOpening(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Keeps the slowest recent opening: a store that has become slow makes claims go stale later. */
    void observeOpening(Duration took) {
        long nanos = took.toNanos();
        slowestOpening.accumulateAndGet(nanos, (slowest, now) -> Math.max(now, slowest - slowest / 10));
    }

    /** How long a claim must have been left before it is taken over: see {@link #STALE_CLAIM}. */
    Duration staleAfter() {
        Duration grown = Duration.ofNanos(slowestOpening.get()).multipliedBy(STALE_TIMES_SLOWEST);
        return grown.compareTo(STALE_CLAIM) > 0 ? grown : STALE_CLAIM;
    }

    private Receipt openHeld(
            Integration integration, AlertEvent alert, Optional<EscalationId> tied, boolean stormItself) {
        if (tied.isEmpty() && !stormItself) {
            long minute = clock.instant().getEpochSecond() / 60;
            long count = keys.countNewGroup(integration.name(), minute);
            if (count > integration.maxNewPerMinute()) {
                return joinStorm(integration, alert, minute, count - integration.maxNewPerMinute());
            }
        }
        EscalationId id = tied.orElseGet(desk::nextId);
        if (tied.isEmpty() && !keys.assign(integration.name(), alert.key(), replica, id, false)) {
            // taken over while this request stalled: the one that took it opens it
            return unavailable(alert);
        }
        var destination = Routing.route(integration, alert);
        var channel = config.channelFor(destination.path());
        if (channel.isEmpty()) {
            // check-config makes every path an integration routes to have a channel; a route may still match oddly
            log.error("Alert from {}: path {} has no bound channel", integration.name(), destination.path());
            keys.release(integration.name(), alert.key(), id);
            return new Receipt(Receipt.Outcome.REFUSED, alert.key(), Optional.empty());
        }
        var request = new OpenRequest(
                AlertBrief.title(alert),
                AlertBrief.of(integration.name(), alert),
                destination.severity(),
                destination.path(),
                new Actor.Integration(integration.name()),
                channel.get());
        return switch (desk.open(id, request)) {
            case AlertDesk.Result.Stored stored -> {
                keys.remember(integration.name(), alert.key(), AlertmanagerFormat.names(alert.alerts()));
                yield new Receipt(
                        Receipt.Outcome.OPENED,
                        alert.key(),
                        Optional.of(stored.escalation().id()));
            }
            case AlertDesk.Result.Rejected rejected -> {
                log.error(
                        "Alert from {} could not open: {}",
                        integration.name(),
                        rejected.problem().message());
                keys.release(integration.name(), alert.key(), id);
                yield new Receipt(Receipt.Outcome.REFUSED, alert.key(), Optional.empty());
            }
            // opened by the opener this request took over, which counted it opened: for this request it is a re-fire
            case AlertDesk.Result.OpenedBefore before ->
                new Receipt(
                        Receipt.Outcome.REFIRED,
                        alert.key(),
                        Optional.of(before.escalation().id()));
            case AlertDesk.Result.Missing ignored -> unavailable(alert);
            case AlertDesk.Result.Unavailable ignored -> unavailable(alert);
        };
    }

    /**
     * The {@code n}th group past the limit this minute: it goes to the minute's storm escalation (opened by the first
     * one), which records it by name and number.
     */
    private Receipt joinStorm(Integration integration, AlertEvent alert, long minute, long n) {
        var stormAlert = stormAlert(integration, minute);
        // the minute's storm escalation, opened by the first group past the limit (a re-fire of it would say nothing)
        Optional<EscalationId> opened = keys.find(integration.name(), stormAlert.key())
                .flatMap(AlertKeys.Group::escalation)
                .or(() -> fire(integration, stormAlert, true).escalation());
        if (opened.isEmpty()) {
            return unavailable(alert);
        }
        EscalationId id = opened.get();
        if (!keys.assign(integration.name(), alert.key(), replica, id, true)) {
            return unavailable(alert);
        }
        String joined = "#%d %s".formatted(n, AlertBrief.title(alert));
        var actor = new Actor.Integration(integration.name());
        return switch (desk.act(id, new Command.AlertFired(actor, List.of(joined)))) {
            case AlertDesk.Result.Stored ignored -> new Receipt(Receipt.Outcome.STORM, alert.key(), Optional.of(id));
            case AlertDesk.Result.OpenedBefore ignored -> unavailable(alert);
            case AlertDesk.Result.Rejected rejected -> {
                // the storm escalation was resolved in this very minute: the next request opens the storm anew
                keys.release(integration.name(), alert.key(), id);
                keys.release(integration.name(), stormAlert.key(), id);
                yield unavailable(alert);
            }
            case AlertDesk.Result.Missing ignored -> unavailable(alert);
            case AlertDesk.Result.Unavailable ignored -> unavailable(alert);
        };
    }

    private static AlertEvent stormAlert(Integration integration, long minute) {
        String at = Instant.ofEpochSecond(minute * 60)
                .atOffset(ZoneOffset.UTC)
                .toLocalTime()
                .toString();
        return new AlertEvent(
                "storm " + minute,
                false,
                AlertEvent.Signal.FIRING,
                "Alert storm: more than %d new alert groups from %s in the minute from %s UTC"
                        .formatted(integration.maxNewPerMinute(), integration.name(), at),
                Optional.of("Until that minute passes, further new alert groups join this escalation instead of"
                        + " opening their own; each one is recorded in the timeline, numbered."),
                java.util.Map.of(),
                Optional.empty(),
                List.of(),
                List.of());
    }

    private Receipt resolve(Integration integration, AlertEvent alert) {
        return onOpen(
                integration,
                alert,
                new Command.AlertResolved(new Actor.Integration(integration.name()), integration.autoResolve()),
                integration.autoResolve() ? Receipt.Outcome.RESOLVED : Receipt.Outcome.NOTED);
    }

    private Receipt acknowledge(Integration integration, AlertEvent alert) {
        return onOpen(
                integration,
                alert,
                new Command.AlertAcknowledged(new Actor.Integration(integration.name())),
                Receipt.Outcome.ACKNOWLEDGED);
    }

    /** A resolve or acknowledge: on the key's unresolved escalation, if there is one. */
    private Receipt onOpen(Integration integration, AlertEvent alert, Command command, Receipt.Outcome done) {
        var found = keys.find(integration.name(), alert.key()).flatMap(AlertKeysView::escalationOf);
        if (found.isEmpty()) {
            return new Receipt(Receipt.Outcome.NOTHING_OPEN, alert.key(), Optional.empty());
        }
        var group = found.get();
        EscalationId id = group.id();
        boolean resolving = command instanceof Command.AlertResolved;
        if (group.storm()) {
            // one group of a storm is over; the storm escalation is the people's to close
            if (resolving) {
                keys.release(integration.name(), alert.key(), id);
            }
            return new Receipt(done, alert.key(), Optional.of(id));
        }
        return switch (desk.act(id, command)) {
            case AlertDesk.Result.Stored stored -> {
                if (stored.escalation().status() == dev.escalator.core.Status.RESOLVED) {
                    keys.release(integration.name(), alert.key(), id);
                }
                yield new Receipt(done, alert.key(), Optional.of(id));
            }
            case AlertDesk.Result.Rejected rejected -> {
                if (rejected.problem().kind() != Problem.Kind.ALREADY_DONE) {
                    // resolved by a person before the source said so: the key is free for the next alert
                    keys.release(integration.name(), alert.key(), id);
                }
                yield new Receipt(done, alert.key(), Optional.of(id));
            }
            case AlertDesk.Result.OpenedBefore ignored -> unavailable(alert);
            case AlertDesk.Result.Missing ignored -> unavailable(alert);
            case AlertDesk.Result.Unavailable ignored -> unavailable(alert);
        };
    }

    /** Where a key's group stands, for resolving and acknowledging. */
    private record AlertKeysView(EscalationId id, boolean storm) {
        static Optional<AlertKeysView> escalationOf(AlertKeys.Group group) {
            return group.escalation().map(id -> new AlertKeysView(id, group.storm()));
        }
    }

    private boolean stale(AlertKeys.Group group) {
        return !group.claimedAt().plus(staleAfter()).isAfter(clock.instant());
    }

    private boolean takeOver(Integration integration, AlertEvent alert, AlertKeys.Group group) {
        boolean won = keys.takeOver(integration.name(), alert.key(), group.claimant(), replica, clock.instant());
        if (won) {
            log.warn(
                    "Alert from {} key {}: took over an opening {} left unfinished",
                    integration.name(),
                    shortKey(alert.key()),
                    group.claimant());
        }
        return won;
    }

    private static Receipt unavailable(AlertEvent alert) {
        return new Receipt(Receipt.Outcome.UNAVAILABLE, alert.key(), Optional.empty());
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for another opening", e);
        }
    }

    /** Keys are the source's text: logged short, they still let an operator find the group. */
    private static String shortKey(String key) {
        return key.length() <= 80 ? key : key.substring(0, 79) + "…";
    }
}
