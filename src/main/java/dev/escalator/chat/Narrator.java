package dev.escalator.chat;

import dev.escalator.config.Reactions;
import dev.escalator.core.Actor;
import dev.escalator.core.Directory;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.Path;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words the bot posts about escalations, the same on every platform but for {@link Markup}: the root message's
 * lines, the brief, each timeline entry in the thread, status and timeline answers. User text (titles, notes,
 * reasons) is neutralised here; texts are fitted to the platform's limits by {@link TextLimit}, in the answer or the
 * chat port.
 */
public final class Narrator {
    private final Directory directory;
    private final Markup markup;
    private final Reactions reactions;

    /** A narrator for a configuration with the default reactions (👀 ✅ ⬆️ ❌). */
    public Narrator(Directory directory, Markup markup) {
        this(directory, Reactions.DEFAULT, markup);
    }

    /** {@code reactions}: what the thread's prompts tell people to react with. */
    public Narrator(Directory directory, Reactions reactions, Markup markup) {
        this.reactions = reactions;
        this.directory = directory;
        this.markup = markup;
    }

    public Markup markup() {
        return markup;
    }

    /** The people, paths and admins this narrator names. */
    public Directory directory() {
        return directory;
    }

    /** The root message's headline: {@code 🔴 ESC-12 · sev1 · Checkout is failing}. */
    public String headline(Escalation e) {
        return "%s %s · sev%d · %s"
                .formatted(statusIcon(e.status()), e.id(), e.severity().value(), user(e.title()));
    }

    /**
     * The root message's facts: path, reporter, and the status line, which names who acknowledged and who resolved,
     * and the level, in every status (after resolution too: the level it had reached).
     */
    public String facts(Escalation e) {
        int levels = directory.path(e.path()).map(Path::levelCount).orElse(e.level());
        String level = "level %d/%d".formatted(e.level(), levels);
        String acknowledged =
                e.acknowledgedBy().map(by -> "acknowledged by " + actor(by)).orElse("");
        String state = switch (e.status()) {
            case OPEN -> "open, " + level;
            case ACKNOWLEDGED -> "%s, %s".formatted(acknowledged, level);
            case SNOOZED ->
                "snoozed until %s, %s".formatted(e.timerAt().map(markup::time).orElse("later"), level)
                        + e.acknowledgedBy()
                                .map(by -> " (by " + actor(by) + ")")
                                .orElse("");
            case RESOLVED ->
                "resolved" + resolver(e).map(by -> " by " + by).orElse("")
                        + (acknowledged.isEmpty() ? "" : ", " + acknowledged)
                        + ", reached " + level;
            case EXHAUSTED -> "exhausted at %s: nobody acknowledged after every level".formatted(level);
        };
        return "Path `%s` · reported by %s · %s".formatted(e.path(), actor(e.reporter()), state);
    }

    /** Who resolved it last, as the timeline tells. */
    private Optional<String> resolver(Escalation e) {
        return e.timeline().reversed().stream()
                .filter(entry -> entry.event() instanceof Event.Resolved)
                .findFirst()
                .map(entry -> actor(entry.actor()));
    }

    /** The thread's first post: the brief, or a line saying there is none. */
    public String brief(Escalation e) {
        var lines = new ArrayList<String>();
        e.brief().whatIsWrong().ifPresent(text -> lines.add(markup.bold("What is wrong:") + " " + user(text)));
        e.brief().impact().ifPresent(text -> lines.add(markup.bold("Impact:") + " " + user(text)));
        e.brief().tried().ifPresent(text -> lines.add(markup.bold("Tried:") + " " + user(text)));
        e.brief().helpNeeded().ifPresent(text -> lines.add(markup.bold("Help needed:") + " " + user(text)));
        e.brief().decisionBy().ifPresent(at -> lines.add(markup.bold("Decision needed by:") + " " + markup.time(at)));
        if (lines.isEmpty()) {
            lines.add("No brief given. Add context with `%s`."
                    .formatted(Usage.typed(
                            SubCommand.NOTE, markup.platform(), Map.of("id", e.id().toString(), "text", "…"))));
        }
        return String.join("\n", lines);
    }

    /** One thread post telling these entries, in order; the opening is told by the brief (the root has the rest). */
    public String entries(Escalation e, List<TimelineEntry> entries) {
        return String.join("\n", entryTexts(e, entries));
    }

    /** What each of these entries says in the thread, oldest first, for {@link TextLimit#newestLast}. */
    public List<String> entryTexts(Escalation e, List<TimelineEntry> entries) {
        return entries.stream()
                .map(entry -> entry.event() instanceof Event.Opened ? brief(e) : entry(e, entry))
                .toList();
    }

    /** What one timeline entry says in the thread. */
    public String entry(Escalation e, TimelineEntry entry) {
        String who = actor(entry.actor());
        return switch (entry.event()) {
            case Event.Opened opened -> "📣 %s opened %s: %s".formatted(who, e.id(), user(opened.title()));
            case Event.Tagged tagged -> tagged(e, tagged);
            case Event.Acknowledged ignored -> "👀 %s acknowledged. Escalation stopped.".formatted(who);
            case Event.Escalated escalated -> escalated(escalated, who);
            case Event.Declined declined -> "❌ %s can't take it%s.".formatted(who, reason(declined.reason()));
            case Event.Reassigned reassigned -> "↪️ %s reassigned it to %s.".formatted(who, person(reassigned.to()));
            case Event.Snoozed snoozed ->
                "💤 %s snoozed it until %s; it escalates again from this level then."
                        .formatted(who, markup.time(snoozed.until()));
            case Event.Noted noted -> "📝 %s: %s".formatted(who, user(noted.text()));
            case Event.Resolved resolved ->
                "✅ %s resolved it%s."
                        .formatted(who, resolved.note().map(n -> ": " + user(n)).orElse(""));
            case Event.Reopened ignored -> "↩️ %s reopened it.".formatted(who);
            case Event.AlertFired fired -> alertFired(fired, who);
            case Event.Refused refused ->
                "🚫 %s tried to %s: refused.".formatted(who, refused.action().verb());
            case Event.Reminder reminder ->
                "⏳ Still unresolved after %s. Resolve it with `%s`, or add a note."
                        .formatted(
                                DurationFormat.format(reminder.age()),
                                Usage.typed(SubCommand.RESOLVE, markup.platform(), Map.of("id", e.id().toString())));
            case Event.DecisionReminder reminder -> decisionReminder(reminder, entry.at());
            case Event.NotDelivered stuck ->
                "⚠️ %s not delivered yet: %s. Escalator keeps trying.".formatted(post(e, stuck.seq()), stuck.reason());
            case Event.NotReached missed ->
                "📵 Could not reach %s by direct message on %s: %s."
                        .formatted(missed.person(), missed.platform().displayName(), missed.reason());
            case Event.NotUpdated stale ->
                "📵 Could not update the direct message to %s on %s: %s."
                        .formatted(stale.person(), stale.platform().displayName(), stale.reason());
            case Event.DeliveredLate late -> "📬 %s delivered, late.".formatted(post(e, late.seq()));
            case Event.Dropped dropped ->
                "🗑️ %s could not be posted and was given up: %s.".formatted(post(e, dropped.seq()), dropped.reason());
            case Event.Exhausted exhausted ->
                exhausted.fallback().isPresent()
                        ? "🚨 Nobody acknowledged after every level. The fallback channel has been told; anyone on the path can still acknowledge."
                        : "🚨 Nobody acknowledged after every level. Anyone on the path can still acknowledge.";
        };
    }

    /**
     * Whether the direct message about tag {@code seq} still asks for an answer, and so shows its buttons: while the
     * escalation waits for an acknowledgement (open or exhausted) and that tag is its latest.
     */
    public static boolean asksForAnswer(Escalation e, int seq) {
        boolean waiting = e.status() == Status.OPEN || e.status() == Status.EXHAUSTED;
        return waiting
                && e.timeline().reversed().stream()
                        .filter(entry -> entry.event() instanceof Event.Tagged)
                        .findFirst()
                        .filter(latest -> latest.seq() == seq)
                        .isPresent();
    }

    /**
     * A direct message to someone tagged (SPEC §11): the escalation's id, severity and title, the level, when the next
     * level follows, and a link to the thread; once it no longer asks for an answer ({@link #asksForAnswer}), the
     * escalation's status instead. Times are the platform's, which every reader sees in their own time zone.
     */
    public String directMessage(Escalation e, TimelineEntry tag, Optional<String> threadLink) {
        var lines = new ArrayList<String>();
        lines.add(markup.bold(headline(e)));
        if (tag.event() instanceof Event.Tagged tagged && asksForAnswer(e, tag.seq())) {
            lines.add("You are tagged at level %d/%d of path `%s`: %s."
                    .formatted(tagged.level(), tagged.levelCount(), e.path(), whatFollows(e, tagged)));
        } else {
            lines.add(facts(e));
            lines.add("Next: " + next(e));
        }
        lines.add(threadLink
                .map(url -> "Thread: " + markup.link(url, e.id().toString()))
                .orElse("Thread: in the escalation's channel"));
        return String.join("\n", lines);
    }

    /** What happens when nobody acknowledges tag {@code tagged} in time, and when. */
    private String whatFollows(Escalation e, Event.Tagged tagged) {
        Optional<Path> path = directory.path(e.path());
        boolean last = tagged.level() >= tagged.levelCount();
        String then = !last
                ? "level %d follows".formatted(tagged.level() + 1)
                : path.filter(p -> tagged.round() < p.repeat()).isPresent()
                        ? "the path starts over"
                        : "the path is exhausted";
        return "if nobody acknowledges by %s, %s".formatted(markup.time(tagged.escalatesAt()), then);
    }

    /** The alert for a path's fallback channel about timeline entry {@code entry}: exhausted, or posts stuck. */
    public String fallbackAlert(Escalation e, TimelineEntry entry) {
        if (entry.event() instanceof Event.NotDelivered stuck) {
            return "⚠️ %s on path `%s` (sev%d, %s): its %s has not gone out: %s. Escalator keeps trying; fix the bot's access."
                    .formatted(
                            e.id(),
                            e.path(),
                            e.severity().value(),
                            user(e.title()),
                            post(e, stuck.seq()),
                            stuck.reason());
        }
        return fallbackAlert(e);
    }

    /** The alert for a path's fallback channel. */
    public String fallbackAlert(Escalation e) {
        return "🚨 %s on path `%s` (sev%d) went through every level without an acknowledgement: %s"
                .formatted(e.id(), e.path(), e.severity().value(), user(e.title()));
    }

    /** The answer to {@code status}: where it stands, who is tagged, what happens next and when. */
    public String status(Escalation e) {
        return status(e, Optional.empty());
    }

    /** {@link #status(Escalation)} with {@code link} to the root message, where there is one. */
    public String status(Escalation e, Optional<String> link) {
        var lines = new ArrayList<String>();
        lines.add(headline(e));
        lines.add(facts(e));
        if (!e.tagged().isEmpty() && e.status() != Status.RESOLVED) {
            lines.add("Tagged: " + e.tagged().stream().map(this::person).collect(Collectors.joining(" ")));
        }
        lines.add("Next: " + next(e));
        e.brief()
                .decisionBy()
                .ifPresent(deadline -> lines.add("Decision needed by " + markup.time(deadline)
                        + e.nextDecisionReminderAt()
                                .map(at -> "; the thread is reminded at " + markup.time(at))
                                .orElse("")));
        e.notDelivered()
                .ifPresent(stuck ->
                        lines.add("⚠️ %s not delivered yet: %s".formatted(post(e, stuck.seq()), stuck.reason())));
        lines.add("Opened " + markup.time(e.openedAt()));
        link.ifPresent(url -> lines.add("Root message: " + markup.link(url, e.id().toString())));
        return String.join("\n", lines);
    }

    /** The answer to {@code timeline}: one line per entry, refusals included. */
    public String timeline(Escalation e) {
        return String.join("\n", timelineLines(e));
    }

    /** The lines of {@link #timeline}, oldest first, for {@link TextLimit#newestLast}. */
    public List<String> timelineLines(Escalation e) {
        var lines = new ArrayList<String>();
        e.timeline().forEach(entry -> lines.add(markup.time(entry.at()) + " " + entry(e, entry)));
        if (e.refusalsNotKept() > 0) {
            lines.add("🚫 %d more refused action(s), counted but not kept one by one.".formatted(e.refusalsNotKept()));
        }
        if (e.refiresNotKept() > 0) {
            lines.add("🔁 %d more alert re-fire(s), counted but not kept one by one.".formatted(e.refiresNotKept()));
        }
        return lines;
    }

    /** One line of a {@code list} answer. */
    public String listLine(Escalation e) {
        return "%s · %s · sev%d · %s · `%s`"
                .formatted(e.id(), e.status().word(), e.severity().value(), user(e.title()), e.path());
    }

    /**
     * A person tagged: their mention on this platform, or their name, that they have no account here, and where they
     * are reached by direct message instead (SPEC §11), if anywhere; or that their platform is not connected to this
     * bot, when that is why they are reached nowhere.
     */
    public String person(PersonId id) {
        Optional<Person> person = directory.person(id);
        return person.flatMap(p -> p.accountOn(markup.platform()))
                .map(markup::mention)
                .orElseGet(() -> "%s (no %s account%s)"
                        .formatted(
                                id,
                                markup.platform().displayName(),
                                person.map(this::reachedElsewhere).orElse("")));
    }

    /** Where someone with no account on this platform is reached instead, or why nowhere; empty with dm: false. */
    private String reachedElsewhere(Person person) {
        if (!person.directMessages()) {
            return "";
        }
        List<Platform> reached = directory.directMessagePlatforms(person);
        if (!reached.isEmpty()) {
            return "; reached by direct message on " + names(reached);
        }
        List<Platform> unconnected = directory.unconnectedAccounts(person);
        return unconnected.isEmpty() ? "" : " and %s is not connected".formatted(names(unconnected));
    }

    private static String names(List<Platform> platforms) {
        return platforms.stream().map(Platform::displayName).collect(Collectors.joining(" and "));
    }

    /** What a post is, by the timeline entry it tells (0: the root message). */
    private static String post(Escalation e, int seq) {
        return e.entry(seq)
                .map(entry -> entry.event() instanceof Event.Tagged tagged
                        ? "level %d tag".formatted(tagged.level())
                        : "thread post")
                .orElse("root message");
    }

    private String tagged(Escalation e, Event.Tagged tagged) {
        String people = tagged.people().isEmpty()
                ? "nobody is reachable at this level"
                : tagged.people().stream().map(this::person).collect(Collectors.joining(" "));
        Optional<Path> path = directory.path(e.path());
        boolean last = tagged.level() >= tagged.levelCount();
        String then = !last
                ? "level %d follows".formatted(tagged.level() + 1)
                : path.filter(p -> tagged.round() < p.repeat()).isPresent()
                        ? "the path starts over"
                        : "the path is exhausted";
        return "🔔 %s: level %d/%d.%s If nobody acknowledges by %s, %s."
                .formatted(
                        people,
                        tagged.level(),
                        tagged.levelCount(),
                        Usage.reactionHint(reactions).map(hint -> " " + hint).orElse(""),
                        markup.time(tagged.escalatesAt()),
                        then);
    }

    private String decisionReminder(Event.DecisionReminder reminder, Instant at) {
        String people = reminder.people().isEmpty()
                ? ""
                : reminder.people().stream().map(this::person).collect(Collectors.joining(" ")) + ": ";
        String when = at.isBefore(reminder.decideBy())
                ? "is needed by %s, in %s"
                        .formatted(
                                markup.time(reminder.decideBy()),
                                DurationFormat.format(Duration.between(at, reminder.decideBy())))
                : "was needed by now (%s)".formatted(markup.time(reminder.decideBy()));
        return "⏰ %sa decision %s.".formatted(people, when);
    }

    private String escalated(Event.Escalated escalated, String who) {
        return switch (escalated.cause()) {
            case TIMEOUT ->
                "⏱️ Nobody acknowledged level %d in time: escalating to level %d."
                        .formatted(escalated.fromLevel(), escalated.toLevel());
            case MANUAL ->
                "⬆️ %s escalated it to level %d%s.".formatted(who, escalated.toLevel(), reason(escalated.reason()));
            case DECLINED -> "⬆️ Escalating to level %d.".formatted(escalated.toLevel());
            case SNOOZE_ENDED -> "⏰ The snooze is over: tagging level %d again.".formatted(escalated.toLevel());
            case ACK_EXPIRED ->
                "⏰ Acknowledged but still unresolved: tagging level %d again.".formatted(escalated.toLevel());
        };
    }

    private String next(Escalation e) {
        Optional<Instant> timer = e.timerAt();
        return switch (e.status()) {
            case OPEN ->
                timer.map(at -> "escalates at " + markup.time(at) + " unless acknowledged")
                        .orElse("waiting");
            case SNOOZED ->
                timer.map(at -> "escalates again at " + markup.time(at)).orElse("waiting");
            case ACKNOWLEDGED ->
                timer.map(at -> "escalates again at " + markup.time(at) + " unless resolved")
                        .orElse("nothing until it is resolved");
            case EXHAUSTED -> "nothing: acknowledge it, or `up` to start the path over";
            case RESOLVED -> "nothing: `reopen` if it comes back";
        };
    }

    private String reason(Optional<String> reason) {
        return reason.map(r -> ": " + user(r)).orElse("");
    }

    private String actor(Actor actor) {
        return switch (actor) {
            case Actor.User user ->
                user.platform() == markup.platform()
                        ? markup.mention(user.account().userId())
                        : user.person()
                                .map(PersonId::value)
                                .orElse("someone on " + user.platform().displayName());
            case Actor.Integration integration -> "the `%s` integration".formatted(integration.name());
            case Actor.Bot ignored -> "Escalator";
        };
    }

    private String alertFired(Event.AlertFired fired, String who) {
        if (fired.newAlerts().isEmpty()) {
            return "🔁 %s says the alert is still firing.".formatted(who);
        }
        return "🔁 %s says the alert is still firing, now also: %s."
                .formatted(who, fired.newAlerts().stream().map(this::user).collect(Collectors.joining(", ")));
    }

    private String user(String text) {
        return SafeText.neutralise(text, markup.platform());
    }

    private static String statusIcon(Status status) {
        return switch (status) {
            case OPEN -> "🔴";
            case ACKNOWLEDGED -> "🟡";
            case SNOOZED -> "💤";
            case RESOLVED -> "✅";
            case EXHAUSTED -> "🚨";
        };
    }
}
