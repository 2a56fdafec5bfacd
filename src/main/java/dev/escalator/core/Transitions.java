package dev.escalator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The escalation state machine (SPEC §1, §7, §8): pure functions from an escalation, a command and the current
 * instant to an {@link Outcome}. Nothing here reads a clock, touches the store or talks to a chat platform, and no
 * user input makes it throw: bad input becomes a {@link Outcome.Rejected} with a message for the user.
 *
 * <p>Guarantees: every {@link Outcome.Applied} and {@link Outcome.Refused} carries an escalation whose version is one
 * higher than the input's and whose timeline has the new entries appended; effects refer to those entries.
 */
public final class Transitions {
    /** Longer snoozes are almost always typos (30d for 30m) and would silence an escalation for good. */
    public static final Duration LONGEST_SNOOZE = Duration.ofDays(30);
    /** A decision due later than this is a typo (a year, or a year number) and would never remind anyone. */
    public static final Duration LONGEST_DECISION = Duration.ofDays(366);

    /**
     * The longest note (and resolve note, or reason) kept, in characters: longer ones are cut. With {@link
     * #MOST_NOTES} and {@link #MOST_REFUSALS} it bounds an escalation's document (a few MB at most, far from MongoDB's
     * 16 MB per document, past which its writes, steps included, would fail).
     */
    public static final int LONGEST_NOTE = 2_000;

    /** Notes one escalation keeps; past it a note is refused with a private answer, nothing stored. */
    public static final int MOST_NOTES = 500;

    /** Refusals one escalation keeps in its timeline; later ones are only counted ({@link Escalation#refusalsNotKept}). */
    public static final int MOST_REFUSALS = 50;

    /**
     * Reassignments, snoozes and reopenings one escalation keeps, each kind on its own (a reassignment and a reopening
     * also tag, so they bound the tags too); past it that action is refused with a private answer, nothing stored.
     */
    public static final int MOST_CHANGES = 100;

    /**
     * Alert re-fires one escalation keeps in its timeline (a flapping alert re-fires for weeks); later ones are only
     * counted ({@link Escalation#refiresNotKept}) and the thread no longer hears of them.
     */
    public static final int MOST_REFIRES = 200;

    private final Directory directory;
    private final OnCallOverrides overrides;

    public Transitions(Directory directory) {
        this(directory, OnCallOverrides.NONE);
    }

    private Transitions(Directory directory, OnCallOverrides overrides) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
    }

    /**
     * These transitions with {@code overrides} known: every rotation a level tags is resolved with them ({@link
     * Directory#peopleToTag(Level, Instant, OnCallOverrides)}). The caller reads them just before deciding.
     */
    public Transitions withOverrides(OnCallOverrides overrides) {
        return new Transitions(directory, overrides);
    }

    public Directory directory() {
        return directory;
    }

    /**
     * Why {@code request} cannot open an escalation at {@code now}, or empty when it can. Asked before an id is taken,
     * so that a refused opening uses up no {@code ESC-n}; {@link #open} asks it again.
     */
    public Optional<Problem> check(OpenRequest request, Instant now) {
        if (request.title().strip().isEmpty()) {
            return Optional.of(new Problem(
                    Problem.Kind.BAD_ARGUMENT, "An escalation needs a title, e.g. `/escalate Checkout is failing`."));
        }
        if (directory.path(request.path()).isEmpty()) {
            return Optional.of(new Problem(Problem.Kind.UNKNOWN, unknownPath(request.path())));
        }
        Optional<Instant> decisionBy = request.brief().decisionBy();
        if (decisionBy.isPresent() && decisionBy.get().isAfter(now.plus(LONGEST_DECISION))) {
            return Optional.of(new Problem(
                    Problem.Kind.BAD_ARGUMENT,
                    "\"Decision needed by\" (`by:`) is more than %d days ahead; give a time within that, e.g. `by:4h`"
                                    .formatted(LONGEST_DECISION.toDays())
                            + " or `by:2026-11-24T17:00Z`. Nothing was opened."));
        }
        return Optional.empty();
    }

    /** Opens a new escalation: records it and tags its start level. */
    public Outcome open(EscalationId id, OpenRequest request, Instant now) {
        Optional<Problem> problem = check(request, now);
        if (problem.isPresent()) {
            return new Outcome.Rejected(problem.get());
        }
        String title = request.title().strip();
        Path path = directory.path(request.path()).orElseThrow();
        var next = new Escalation.Builder()
                .id(id)
                .version(1)
                .title(title)
                .brief(request.brief())
                .severity(request.severity())
                .reporter(request.reporter())
                .path(path.id())
                .home(request.home())
                .openedAt(now)
                .nextReminderAt(now.plus(path.staleAfter()));
        int opened = next.record(now, request.reporter(), new Event.Opened(title, request.severity(), path.id()));
        int tagged = tag(next, path, path.startLevel(request.severity()), now, request.reporter());
        // the thread starts with the opening (its brief) and the first tag: reactions work on both like on any post
        return reaching(new Outcome.Applied(
                next.build(),
                List.of(new Effect.PostRoot(), new Effect.Announce(opened), new Effect.Announce(tagged))));
    }

    /** Decides what {@code command} does to {@code escalation} at {@code now}. */
    public Outcome decide(Escalation escalation, Command command, Instant now) {
        return reaching(change(escalation, command, now));
    }

    /**
     * SPEC §11: after each refresh of the root message, a refresh of the direct messages sent before, so that they
     * show the status and lose their buttons once they no longer ask for an answer; then, last, a direct message to
     * each person a new tag tags, on every platform where they have an account that this bot connects to (unless
     * {@code dm: false}). Last, so the thread (which the message links to) has the tag first, and a new message is not
     * edited right after it is sent. A person the tag reaches nowhere, having no account on the escalation's platform
     * and their others on platforms this bot does not connect to, is recorded as {@link Event.NotReached}; the tag in
     * the thread names them and says so, and the step counts as any other.
     */
    private Outcome reaching(Outcome outcome) {
        if (!(outcome instanceof Outcome.Applied applied)) {
            return outcome;
        }
        Escalation escalation = applied.escalation();
        var effects = new ArrayList<Effect>();
        var directMessages = new ArrayList<Effect>();
        var tags = new ArrayList<TimelineEntry>();
        for (Effect effect : applied.effects()) {
            effects.add(effect);
            switch (effect) {
                case Effect.Announce announce ->
                    escalation
                            .entry(announce.seq())
                            .filter(entry -> entry.event() instanceof Event.Tagged)
                            .ifPresent(entry -> {
                                directMessages.addAll(directMessages(entry));
                                tags.add(entry);
                            });
                case Effect.RefreshRoot ignored -> effects.add(new Effect.RefreshDirectMessages());
                default -> {}
            }
        }
        effects.addAll(directMessages);
        return new Outcome.Applied(recordingNotReached(escalation, tags), effects);
    }

    /** {@code escalation} with a {@link Event.NotReached} by the bot for each person these tags reach nowhere. */
    private Escalation recordingNotReached(Escalation escalation, List<TimelineEntry> tags) {
        if (tags.stream().allMatch(tag -> notReached(escalation, tag).isEmpty())) {
            return escalation;
        }
        var next = escalation.toBuilder();
        for (TimelineEntry tag : tags) {
            for (Event.NotReached missed : notReached(escalation, tag)) {
                next.record(tag.at(), Actor.BOT, missed);
            }
        }
        return next.build();
    }

    /** A direct message about {@code tag} to each person it tags, on each of their platforms this bot connects to. */
    private List<Effect> directMessages(TimelineEntry tag) {
        var effects = new ArrayList<Effect>();
        for (PersonId id : tag.event().tags()) {
            directory.person(id).ifPresent(person -> {
                for (Platform platform : directory.directMessagePlatforms(person)) {
                    effects.add(new Effect.DirectMessage(id, platform, tag.seq()));
                }
            });
        }
        return effects;
    }

    /**
     * The people {@code tag} reaches nowhere: no account on the escalation's platform, direct messages wanted, and
     * every account of theirs on a platform this bot does not connect to; recorded by the bot at the tag's time.
     */
    private List<Event.NotReached> notReached(Escalation escalation, TimelineEntry tag) {
        Platform home = escalation.home().platform();
        var entries = new ArrayList<Event.NotReached>();
        for (PersonId id : tag.event().tags()) {
            directory
                    .person(id)
                    .filter(person -> person.accountOn(home).isEmpty()
                            && person.directMessages()
                            && directory.directMessagePlatforms(person).isEmpty())
                    .ifPresent(person -> {
                        for (Platform elsewhere : directory.unconnectedAccounts(person)) {
                            String reason = "no %s account and %s is not connected"
                                    .formatted(home.displayName(), elsewhere.displayName());
                            entries.add(new Event.NotReached(id, elsewhere, tag.seq(), reason));
                        }
                    });
        }
        return entries;
    }

    private Outcome change(Escalation escalation, Command command, Instant now) {
        return switch (command) {
            case Command.StepDue ignored -> stepDue(escalation, now);
            case Command.Note note ->
                note.typedIn()
                        .filter(where -> !Audience.maySee(escalation, note.actor(), where))
                        .map(where -> refuse(escalation, note.actor(), Action.NOTE, hidden(escalation.id()), now))
                        .orElseGet(() -> note(escalation, note, now));
            case Command.Acknowledge ack ->
                guarded(
                        escalation,
                        ack.actor(),
                        Action.ACKNOWLEDGE,
                        now,
                        () -> acknowledge(escalation, ack.actor(), now));
            case Command.Resolve resolve ->
                guarded(
                        escalation,
                        resolve.actor(),
                        Action.RESOLVE,
                        now,
                        () -> resolve(escalation, resolve.actor(), resolve.note(), now));
            case Command.AlertFired fired ->
                fromReporter(escalation, fired.actor(), () -> alertFired(escalation, fired, now));
            case Command.AlertResolved resolved ->
                fromReporter(escalation, resolved.actor(), () -> alertResolved(escalation, resolved, now));
            case Command.AlertAcknowledged ack ->
                fromReporter(escalation, ack.actor(), () -> acknowledge(escalation, ack.actor(), now));
            case Command.Escalate up ->
                guarded(escalation, up.actor(), Action.ESCALATE, now, () -> escalate(escalation, up, now));
            case Command.Decline decline ->
                guarded(escalation, decline.actor(), Action.DECLINE, now, () -> decline(escalation, decline, now));
            case Command.Reassign reassign ->
                guarded(escalation, reassign.actor(), Action.REASSIGN, now, () -> reassign(escalation, reassign, now));
            case Command.Snooze snooze ->
                guarded(escalation, snooze.actor(), Action.SNOOZE, now, () -> snooze(escalation, snooze, now));
            case Command.Reopen reopen ->
                guarded(escalation, reopen.actor(), Action.REOPEN, now, () -> reopen(escalation, reopen, now));
        };
    }

    /**
     * Why {@code actor} may not do {@code action} on {@code escalation}, or empty when they may (SPEC §7): people on the
     * path (every level, every member of its rotations), admins, whoever is tagged at the current level, and the
     * reporter for resolving (withdrawing) and reopening their own escalation (reopening at most once an hour when
     * they are off the path, which {@link #decide} checks, as it needs the time).
     */
    public Optional<String> refusal(Escalation escalation, Actor.User actor, Action action) {
        boolean reporter = escalation.reporter() instanceof Actor.User by
                && (by.account().equals(actor.account())
                        || (actor.person().isPresent() && actor.person().equals(by.person())));
        if (reporter && (action == Action.RESOLVE || action == Action.REOPEN)) {
            return Optional.empty();
        }
        if (onPath(escalation, actor)) {
            return Optional.empty();
        }
        Optional<Path> path = directory.path(escalation.path());
        var allowed = path.map(directory::peopleOnPath).orElseGet(java.util.LinkedHashSet::new);
        String mayAct = path.isEmpty()
                ? "the `%s` path is no longer in the configuration: only an admin or someone tagged on it"
                        .formatted(escalation.path())
                : "only people on the `%s` path (%s) or an admin"
                        .formatted(escalation.path(), names(List.copyOf(allowed)));
        String reason = actor.person().isEmpty()
                ? "your %s account is not in Escalator's configuration, so you cannot %s %s; %s can. Ask an admin to add you to `people:`."
                        .formatted(actor.platform().displayName(), action.verb(), escalation.id(), mayAct)
                : "%s can %s %s.".formatted(mayAct, action.verb(), escalation.id());
        return Optional.of(reason);
    }

    /** Whether {@code actor} is an admin, on the escalation's path (any level, rotations included) or tagged on it. */
    private boolean onPath(Escalation escalation, Actor.User actor) {
        if (actor.person().isEmpty()) {
            return false;
        }
        PersonId person = actor.person().get();
        return directory.admins().contains(person)
                || escalation.tagged().contains(person)
                || directory
                        .path(escalation.path())
                        .map(directory::peopleOnPath)
                        .filter(people -> people.contains(person))
                        .isPresent();
    }

    /**
     * SPEC §7: someone off the path (a reporter reopening their own escalation) may reopen it at most once an hour,
     * so that resolving and reopening cannot page the path in a loop.
     */
    private Optional<String> reopenTooSoon(Escalation escalation, Actor.User actor, Instant now) {
        if (onPath(escalation, actor)) {
            return Optional.empty();
        }
        return escalation.timeline().reversed().stream()
                .filter(entry -> entry.event() instanceof Event.Reopened
                        && entry.actor() instanceof Actor.User by
                        && !onPath(escalation, by)
                        && entry.at().isAfter(now.minus(OFF_PATH_REOPEN_EVERY)))
                .findFirst()
                .map(entry -> ("%s was reopened by someone off the `%s` path less than an hour ago, and each reopening"
                                + " pages the path again: for the next %s only people on the path or an admin can"
                                + " reopen it.")
                        .formatted(
                                escalation.id(),
                                escalation.path(),
                                DurationFormat.format(
                                        Duration.between(now, entry.at().plus(OFF_PATH_REOPEN_EVERY))
                                                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                                                .plusMinutes(1))));
    }

    /** How often someone off the path may reopen one escalation. */
    public static final Duration OFF_PATH_REOPEN_EVERY = Duration.ofHours(1);

    private Outcome guarded(
            Escalation escalation,
            Actor.User actor,
            Action action,
            Instant now,
            java.util.function.Supplier<Outcome> act) {
        Optional<String> refusal = refusal(escalation, actor, action)
                .or(() -> action == Action.REOPEN ? reopenTooSoon(escalation, actor, now) : Optional.empty());
        if (refusal.isEmpty()) {
            return act.get();
        }
        return refuse(escalation, actor, action, refusal.get(), now);
    }

    /** A refusal, recorded in the timeline up to {@link #MOST_REFUSALS} and counted past it. */
    private static Outcome refuse(Escalation escalation, Actor.User actor, Action action, String reason, Instant now) {
        var next = escalation.toBuilder().version(escalation.version() + 1);
        if (count(escalation, Event.Refused.class) < MOST_REFUSALS) {
            next.record(now, actor, new Event.Refused(action, reason));
        } else {
            // someone retrying a refused action in a loop must not grow the document without end
            next.refusalsNotKept(escalation.refusalsNotKept() + 1);
        }
        return new Outcome.Refused(next.build(), action, reason);
    }

    /** Why a stranger in another channel may not add a note: without the title or anything else of the escalation. */
    private static String hidden(EscalationId id) {
        return ("%s belongs to another channel, and your account is not in Escalator's configuration: only people in"
                        + " it can add a note to it from here. Use its own channel, or ask an admin to add you to"
                        + " `people:`.")
                .formatted(id);
    }

    /** An integration acts only on the escalations it reported; it has no say on anyone else's. */
    private static Outcome fromReporter(
            Escalation escalation, Actor.Integration actor, java.util.function.Supplier<Outcome> act) {
        if (!escalation.reporter().equals(actor)) {
            return rejected(
                    Problem.Kind.BAD_ARGUMENT,
                    "%s was not opened by the %s integration.".formatted(escalation.id(), actor.name()));
        }
        return act.get();
    }

    /**
     * A re-fire is recorded each time; the thread hears of it at most once per {@link Event.AlertFired#TELL_AT_MOST_EVERY},
     * then naming every alert new in the group since it last heard. A resolved escalation takes no re-fire: the alert
     * is back, and opens a new one.
     */
    private Outcome alertFired(Escalation e, Command.AlertFired fired, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(
                    Problem.Kind.WRONG_STATUS, "%s is resolved; a new alert opens a new escalation.".formatted(e.id()));
        }
        if (count(e, Event.AlertFired.class) >= MOST_REFIRES) {
            return applied(changing(e).refiresNotKept(e.refiresNotKept() + 1));
        }
        var untold = new java.util.LinkedHashSet<String>();
        Optional<Instant> lastTold = Optional.empty();
        for (var entry : e.timeline()) {
            if (entry.event() instanceof Event.AlertFired earlier) {
                if (earlier.told()) {
                    lastTold = Optional.of(entry.at());
                    untold.clear();
                } else {
                    untold.addAll(earlier.newAlerts());
                }
            }
        }
        Instant since = lastTold.orElse(e.openedAt());
        boolean tell = !now.isBefore(since.plus(Event.AlertFired.TELL_AT_MOST_EVERY));
        var next = changing(e);
        if (!tell) {
            next.record(now, fired.actor(), new Event.AlertFired(fired.newAlerts(), false));
            return applied(next);
        }
        untold.addAll(fired.newAlerts());
        int seq = next.record(now, fired.actor(), new Event.AlertFired(List.copyOf(untold), true));
        return applied(next, new Effect.Announce(seq));
    }

    private Outcome alertResolved(Escalation e, Command.AlertResolved resolved, Instant now) {
        if (resolved.resolves()) {
            return resolve(e, resolved.actor(), Optional.of("resolved at the source"), now);
        }
        if (e.status() == Status.RESOLVED) {
            return rejected(Problem.Kind.ALREADY_DONE, "%s is already resolved. Nothing to do.".formatted(e.id()));
        }
        var next = changing(e);
        int seq = next.record(
                now, resolved.actor(), new Event.Noted("The alert is resolved at its source; resolve this when done."));
        return applied(next, new Effect.Announce(seq));
    }

    private Outcome acknowledge(Escalation e, Actor actor, Instant now) {
        return switch (e.status()) {
            case RESOLVED ->
                rejected(
                        Problem.Kind.WRONG_STATUS,
                        "%s is resolved; `reopen %s` first if it is back.".formatted(e.id(), e.id()));
            case ACKNOWLEDGED ->
                rejected(
                        Problem.Kind.ALREADY_DONE,
                        "%s is already acknowledged%s. Nothing to do."
                                .formatted(
                                        e.id(),
                                        e.acknowledgedBy()
                                                .map(by -> " by " + who(by))
                                                .orElse("")));
            case OPEN, SNOOZED, EXHAUSTED -> {
                Optional<Duration> reescalate = directory.path(e.path()).flatMap(Path::reescalateAfterAck);
                var next = changing(e)
                        .status(Status.ACKNOWLEDGED)
                        .acknowledgedBy(Optional.of(actor))
                        .firstAcknowledgedAt(Optional.of(e.firstAcknowledgedAt().orElse(now)))
                        .timerAt(reescalate.map(now::plus));
                int seq = next.record(now, actor, new Event.Acknowledged());
                yield applied(next, new Effect.Announce(seq), new Effect.RefreshRoot());
            }
        };
    }

    private Outcome resolve(Escalation e, Actor actor, Optional<String> note, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(Problem.Kind.ALREADY_DONE, "%s is already resolved. Nothing to do.".formatted(e.id()));
        }
        var next =
                changing(e).status(Status.RESOLVED).resolvedAt(Optional.of(now)).timerAt(Optional.empty());
        int seq = next.record(now, actor, new Event.Resolved(trimmed(note)));
        return applied(next, new Effect.Announce(seq), new Effect.RefreshRoot());
    }

    private Outcome escalate(Escalation e, Command.Escalate up, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(
                    Problem.Kind.WRONG_STATUS,
                    "%s is resolved; `reopen %s` first if it is back.".formatted(e.id(), e.id()));
        }
        Optional<Path> found = directory.path(e.path());
        if (found.isEmpty()) {
            return rejected(Problem.Kind.UNKNOWN, unknownPath(e.path()));
        }
        Path path = found.get();
        int current = currentLevel(e, path);
        var next = changing(e);
        var effects = new ArrayList<Effect>();
        if (e.status() == Status.EXHAUSTED) {
            // every level already had its turn: run the path's rounds again rather than exhaust at the end of this pass
            next.round(0);
        }
        if (up.toLevel().isPresent()) {
            int target = up.toLevel().getAsInt();
            if (target < 1 || target > path.levelCount()) {
                return rejected(
                        Problem.Kind.BAD_ARGUMENT,
                        "The `%s` path has levels 1 to %d; there is no level %d."
                                .formatted(path.id(), path.levelCount(), target));
            }
            if (target == current && e.status() == Status.OPEN) {
                return rejected(Problem.Kind.ALREADY_DONE, "%s is already at level %d.".formatted(e.id(), target));
            }
            moveTo(next, path, current, target, Cause.MANUAL, trimmed(up.reason()), up.actor(), now, effects);
        } else if (e.status() == Status.EXHAUSTED) {
            moveTo(
                    next,
                    path,
                    current,
                    path.startLevel(e.severity()),
                    Cause.MANUAL,
                    trimmed(up.reason()),
                    up.actor(),
                    now,
                    effects);
        } else {
            climb(next, e, path, current, Cause.MANUAL, trimmed(up.reason()), up.actor(), now, effects);
        }
        effects.add(new Effect.RefreshRoot());
        return new Outcome.Applied(next.build(), effects);
    }

    private Outcome decline(Escalation e, Command.Decline decline, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(
                    Problem.Kind.WRONG_STATUS, "%s is resolved; there is nothing to decline.".formatted(e.id()));
        }
        var next = changing(e);
        Optional<String> reason = trimmed(decline.reason());
        var effects = new ArrayList<Effect>();
        effects.add(new Effect.Announce(next.record(now, decline.actor(), new Event.Declined(reason))));
        Optional<Path> path = directory.path(e.path());
        // someone else already took it (or the path ran out): declining only goes on the record
        if (e.status() == Status.OPEN && path.isPresent()) {
            climb(
                    next,
                    e,
                    path.get(),
                    currentLevel(e, path.get()),
                    Cause.DECLINED,
                    reason,
                    decline.actor(),
                    now,
                    effects);
            effects.add(new Effect.RefreshRoot());
        }
        return new Outcome.Applied(next.build(), effects);
    }

    private Outcome reassign(Escalation e, Command.Reassign reassign, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(
                    Problem.Kind.WRONG_STATUS,
                    "%s is resolved; `reopen %s` first if it is back.".formatted(e.id(), e.id()));
        }
        if (directory.person(reassign.to()).isEmpty()) {
            return rejected(
                    Problem.Kind.UNKNOWN,
                    "There is no person `%s` in the configuration (known: %s)."
                            .formatted(
                                    reassign.to(),
                                    names(directory.people().keySet().stream()
                                            .sorted()
                                            .toList())));
        }
        Optional<Path> found = directory.path(e.path());
        if (found.isEmpty()) {
            return rejected(Problem.Kind.UNKNOWN, unknownPath(e.path()));
        }
        Path path = found.get();
        Optional<Outcome> capped = capped(e, Event.Reassigned.class, "reassigned");
        if (capped.isPresent()) {
            return capped.get();
        }
        var next = changing(e);
        int reassigned = next.record(now, reassign.actor(), new Event.Reassigned(reassign.to()));
        int level = currentLevel(e, path);
        int tagged = tagPeople(next, path, level, List.of(reassign.to()), now, reassign.actor());
        return applied(next, new Effect.Announce(reassigned), new Effect.Announce(tagged), new Effect.RefreshRoot());
    }

    private Outcome snooze(Escalation e, Command.Snooze snooze, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(Problem.Kind.WRONG_STATUS, "%s is resolved; there is nothing to snooze.".formatted(e.id()));
        }
        Duration duration = snooze.duration();
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_SNOOZE) > 0) {
            return rejected(
                    Problem.Kind.BAD_ARGUMENT,
                    "Snooze for a time between 1s and %s, e.g. `snooze %s 30m`."
                            .formatted(LONGEST_SNOOZE.toDays() + "d", e.id()));
        }
        Optional<Outcome> capped = capped(e, Event.Snoozed.class, "snoozed");
        if (capped.isPresent()) {
            return capped.get();
        }
        Instant until = now.plus(duration);
        var next = changing(e)
                .status(Status.SNOOZED)
                .acknowledgedBy(Optional.of(snooze.actor()))
                .firstAcknowledgedAt(Optional.of(e.firstAcknowledgedAt().orElse(now)))
                .timerAt(Optional.of(until));
        int seq = next.record(now, snooze.actor(), new Event.Snoozed(until));
        return applied(next, new Effect.Announce(seq), new Effect.RefreshRoot());
    }

    private Outcome note(Escalation e, Command.Note note, Instant now) {
        String text = note.text().strip();
        if (text.isEmpty()) {
            return rejected(
                    Problem.Kind.BAD_ARGUMENT,
                    "A note needs some text, e.g. `note %s rolled back the deploy`.".formatted(e.id()));
        }
        if (count(e, Event.Noted.class) >= MOST_NOTES) {
            return rejected(
                    Problem.Kind.BAD_ARGUMENT,
                    ("%s already has %d notes, the most one escalation keeps; yours was not added. Put longer"
                                    + " write-ups in a document and note its link, or open a follow-up escalation.")
                            .formatted(e.id(), MOST_NOTES));
        }
        var next = changing(e);
        int seq = next.record(now, note.actor(), new Event.Noted(cut(text)));
        return applied(next, new Effect.Announce(seq));
    }

    private Outcome reopen(Escalation e, Command.Reopen reopen, Instant now) {
        if (e.status() != Status.RESOLVED) {
            return rejected(
                    Problem.Kind.WRONG_STATUS,
                    "%s is %s, not resolved; there is nothing to reopen."
                            .formatted(e.id(), e.status().word()));
        }
        Optional<Path> found = directory.path(e.path());
        if (found.isEmpty()) {
            return rejected(Problem.Kind.UNKNOWN, unknownPath(e.path()));
        }
        Path path = found.get();
        Optional<Outcome> capped = capped(e, Event.Reopened.class, "reopened");
        if (capped.isPresent()) {
            return capped.get();
        }
        var next = changing(e).resolvedAt(Optional.empty()).round(0).nextReminderAt(now.plus(path.staleAfter()));
        int reopened = next.record(now, reopen.actor(), new Event.Reopened());
        // SPEC §5: a reopened escalation starts over at level 1, whatever its severity skipped the first time
        int tagged = tag(next, path, 1, now, reopen.actor());
        return applied(next, new Effect.Announce(reopened), new Effect.Announce(tagged), new Effect.RefreshRoot());
    }

    private Outcome stepDue(Escalation e, Instant now) {
        if (e.status() == Status.RESOLVED) {
            return rejected(Problem.Kind.NOT_DUE, "%s is resolved.".formatted(e.id()));
        }
        Optional<Path> path = directory.path(e.path());
        boolean timerDue = e.timerAt().filter(at -> !at.isAfter(now)).isPresent();
        if (timerDue) {
            var next = changing(e);
            var effects = new ArrayList<Effect>();
            if (path.isEmpty()) {
                // the path was removed from the configuration: stop, say so once, and keep reminding
                next.timerAt(Optional.empty());
                if (e.status() != Status.EXHAUSTED) {
                    exhaust(next, Optional.empty(), now, effects);
                    effects.add(new Effect.RefreshRoot());
                }
                return new Outcome.Applied(next.build(), effects);
            }
            int current = currentLevel(e, path.get());
            switch (e.status()) {
                case OPEN ->
                    climb(next, e, path.get(), current, Cause.TIMEOUT, Optional.empty(), Actor.BOT, now, effects);
                case SNOOZED ->
                    moveTo(
                            next,
                            path.get(),
                            current,
                            current,
                            Cause.SNOOZE_ENDED,
                            Optional.empty(),
                            Actor.BOT,
                            now,
                            effects);
                case ACKNOWLEDGED ->
                    moveTo(
                            next,
                            path.get(),
                            current,
                            current,
                            Cause.ACK_EXPIRED,
                            Optional.empty(),
                            Actor.BOT,
                            now,
                            effects);
                case EXHAUSTED, RESOLVED -> next.timerAt(Optional.empty());
            }
            if (!effects.isEmpty()) {
                effects.add(new Effect.RefreshRoot());
            }
            return new Outcome.Applied(next.build(), effects);
        }
        Optional<Instant> decisionReminder = e.nextDecisionReminderAt().filter(at -> !at.isAfter(now));
        if (decisionReminder.isPresent()) {
            // after downtime, the one reminder due now; those it passed are not made up in a burst
            var next = changing(e);
            int seq = next.record(
                    now,
                    Actor.BOT,
                    new Event.DecisionReminder(e.brief().decisionBy().orElseThrow(), e.tagged()));
            return applied(next, new Effect.Announce(seq));
        }
        if (!e.nextReminderAt().isAfter(now)) {
            Duration staleAfter = path.map(Path::staleAfter).orElse(Path.DEFAULT_STALE_AFTER);
            // after downtime, one reminder now and the next a full period later, not a burst of missed ones
            var next = changing(e).nextReminderAt(now.plus(staleAfter));
            int seq = next.record(now, Actor.BOT, new Event.Reminder(Duration.between(e.openedAt(), now)));
            return applied(next, new Effect.Announce(seq));
        }
        return rejected(
                Problem.Kind.NOT_DUE,
                "Nothing is due for %s before %s."
                        .formatted(e.id(), e.nextStepAt().orElseThrow()));
    }

    /** Goes to the level after {@code current}; past the last level, repeats the path or exhausts it. */
    private void climb(
            Escalation.Builder next,
            Escalation e,
            Path path,
            int current,
            Cause cause,
            Optional<String> reason,
            Actor actor,
            Instant now,
            List<Effect> effects) {
        int target = current + 1;
        if (target > path.levelCount()) {
            if (e.round() >= path.repeat()) {
                exhaust(next, path.fallback(), now, effects);
                return;
            }
            next.round(e.round() + 1);
            target = path.startLevel(e.severity());
        }
        moveTo(next, path, current, target, cause, reason, actor, now, effects);
    }

    private void moveTo(
            Escalation.Builder next,
            Path path,
            int from,
            int to,
            Cause cause,
            Optional<String> reason,
            Actor actor,
            Instant now,
            List<Effect> effects) {
        effects.add(new Effect.Announce(next.record(now, actor, new Event.Escalated(from, to, cause, reason))));
        effects.add(new Effect.Announce(tag(next, path, to, now, actor)));
    }

    private void exhaust(Escalation.Builder next, Optional<ChannelRef> fallback, Instant now, List<Effect> effects) {
        next.status(Status.EXHAUSTED).timerAt(Optional.empty());
        int seq = next.record(now, Actor.BOT, new Event.Exhausted(fallback));
        effects.add(new Effect.Announce(seq));
        fallback.ifPresent(channel -> effects.add(new Effect.AlertFallback(channel, seq)));
    }

    /** Tags the people of {@code level} as they are at {@code now} (rotations resolved); the level's timer starts. */
    private int tag(Escalation.Builder next, Path path, int level, Instant now, Actor actor) {
        return tagPeople(next, path, level, directory.peopleToTag(path.level(level), now, overrides), now, actor);
    }

    private int tagPeople(
            Escalation.Builder next, Path path, int level, List<PersonId> people, Instant now, Actor actor) {
        Instant deadline = now.plus(path.level(level).ackTimeout());
        next.status(Status.OPEN)
                .level(level)
                .tagged(people)
                .acknowledgedBy(Optional.empty())
                .timerAt(Optional.of(deadline));
        return next.record(now, actor, new Event.Tagged(level, path.levelCount(), next.round(), people, deadline));
    }

    /** The configuration may have lost levels since this escalation was stored. */
    private static int currentLevel(Escalation e, Path path) {
        return Math.min(e.level(), path.levelCount());
    }

    private static Escalation.Builder changing(Escalation e) {
        return e.toBuilder().version(e.version() + 1);
    }

    private static Outcome applied(Escalation.Builder next, Effect... effects) {
        return new Outcome.Applied(next.build(), List.of(effects));
    }

    private static Outcome rejected(Problem.Kind kind, String message) {
        return new Outcome.Rejected(new Problem(kind, message));
    }

    private String unknownPath(PathId path) {
        return "There is no path `%s` in the configuration (known: %s)."
                .formatted(
                        path,
                        names(directory.paths().keySet().stream()
                                .map(PathId::value)
                                .sorted()
                                .toList()));
    }

    private static Optional<String> trimmed(Optional<String> text) {
        return text.map(String::strip).filter(s -> !s.isEmpty()).map(Transitions::cut);
    }

    /** Cuts user text to {@link #LONGEST_NOTE} characters, with a visible ellipsis; never inside a surrogate pair. */
    public static String cut(String text) {
        if (text.length() <= LONGEST_NOTE) {
            return text;
        }
        int end = LONGEST_NOTE - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** A reassignment, snooze or reopening past {@link #MOST_CHANGES}: refused politely, nothing stored. */
    private static Optional<Outcome> capped(Escalation e, Class<? extends Event> kind, String done) {
        if (count(e, kind) < MOST_CHANGES) {
            return Optional.empty();
        }
        return Optional.of(rejected(
                Problem.Kind.BAD_ARGUMENT,
                ("%s has been %s %d times, the most one escalation keeps; nothing was changed. Open a follow-up"
                                + " escalation.")
                        .formatted(e.id(), done, MOST_CHANGES)));
    }

    private static long count(Escalation e, Class<? extends Event> kind) {
        return e.timeline().stream()
                .filter(entry -> kind.isInstance(entry.event()))
                .count();
    }

    private static String who(Actor actor) {
        return switch (actor) {
            case Actor.User user ->
                user.person().map(PersonId::value).orElse(user.account().userId());
            case Actor.Integration integration -> "the " + integration.name() + " integration";
            case Actor.Bot ignored -> "Escalator";
        };
    }

    private static String names(List<?> items) {
        return items.isEmpty() ? "none" : items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
