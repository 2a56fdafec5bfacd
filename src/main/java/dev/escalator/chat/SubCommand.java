package dev.escalator.chat;

import dev.escalator.core.DurationFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The one table of {@code /escalate}'s sub-commands (SPEC §5): their words, their arguments, how each argument is
 * written on Slack (free text) and on Discord (typed options), and the choices an argument allows. Slack's grammar
 * ({@link CommandLine}), Discord's registration and decoding, the usage text ({@link Usage}) and the checks of
 * choices and windows all read it, so a sub-command or a choice is spelled here and nowhere else.
 *
 * <p>The order is the order of the help text and of Discord's registration.
 */
public enum SubCommand {
    OPEN(
            "open",
            "Open an escalation (leave out the title for a form with a brief)",
            Argument.text("title", "What is wrong, in one line", "<title>", "…").maxLength(200),
            Argument.number("severity", "1 is worst; default 3", "[sev:1-4]", "1-4")
                    .choices(
                            new Choice("1 (worst)", "1"),
                            new Choice("2", "2"),
                            new Choice("3", "3"),
                            new Choice("4", "4")),
            Argument.path("path", "Escalation path (default: this channel's)", "[path:NAME]"),
            Argument.text("by", "Decision needed by: a duration (4h) or a time (2026-11-24T17:00Z)", "[by:4h]", "4h")),
    ACK("ack", "Acknowledge: you take it, escalation stops", Argument.ID),
    RESOLVE(
            "resolve",
            "Resolve, with an optional note",
            Argument.ID,
            Argument.text("note", "What fixed it", "[note]", "…")),
    UP(
            "up",
            "Escalate to the next level now, or to a given level",
            Argument.ID,
            Argument.number("level", "Jump to this level", "[to:LEVEL]", "LEVEL")
                    .atLeast(1),
            Argument.text("reason", "Why", "[reason]", "…")),
    DECLINE(
            "decline",
            "You cannot take it: the next level is tagged if nobody else acknowledged",
            Argument.ID,
            Argument.text("reason", "Why", "[reason]", "…")),
    REASSIGN(
            "reassign",
            "Tag this person at the current level; the timer restarts",
            Argument.ID,
            Argument.user("user", "Who takes it", "@someone").required()),
    SNOOZE(
            "snooze",
            "Acknowledge until then, then escalate again from this level",
            Argument.ID,
            Argument.text("for", "How long: 30m, 2h, 1d", "30m", "30m").required()),
    NOTE(
            "note",
            "Add a note to the timeline and the thread",
            Argument.ID,
            Argument.text("text", "The note", "text", "…").required()),
    REOPEN("reopen", "Reopen a resolved escalation at level 1", Argument.ID),
    STATUS("status", "Status, level, who is tagged and what happens next", Argument.ID),
    LIST(
            "list",
            "Open escalations in this channel",
            Argument.text("scope", "Which ones", "[mine|all|stale]", "mine|all|stale")
                    .choices(
                            new Choice("this channel", "channel"),
                            new Choice("mine", "mine"),
                            new Choice("all", "all"),
                            new Choice("stale", "stale"))),
    STATS(
            "stats",
            "Time to acknowledge and to resolve, per path",
            Argument.path("path", "Only this path", "[path]"),
            Argument.text("window", "Over the last", "[7d|30d|90d]", "7d|30d|90d")
                    .choices(new Choice("7 days", "7d"), new Choice("30 days", "30d"), new Choice("90 days", "90d"))),
    TIMELINE("timeline", "Everything that happened, refusals included", Argument.ID),
    ONCALL(
            "oncall",
            "Who is on call now in each rotation, and the next handoff",
            Argument.text("name", "A path or a rotation (default: all rotations)", "[path|rotation]", "NAME")),
    OVERRIDE(
            "override",
            "Put someone on call in a rotation from now for a while (admins and the rotation's members)",
            Argument.text("rotation", "The rotation", "ROTATION", "ROTATION").required(),
            Argument.user("user", "Who is on call instead", "@someone").required(),
            Argument.text("for", "How long: 8h, 2d", "8h", "8h").required()),
    HELP("help", "How to use Escalator");

    /** The window {@code stats} looks back over when none is given. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    /** The longest window {@code stats} accepts: the 90d of the spec, with room for a quarter and a bit. */
    public static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    private final String word;
    private final String description;

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable, though the declared type cannot say so
    private final List<Argument> arguments;

    SubCommand(String word, String description, Argument... arguments) {
        this.word = word;
        this.description = description;
        this.arguments = List.of(arguments);
    }

    /** The word that selects it: {@code ack}; Discord's sub-command name too. */
    public String word() {
        return word;
    }

    /** One line saying what it does, as Discord shows it. */
    public String description() {
        return description;
    }

    /** Its arguments in the order Slack text writes them. */
    public List<Argument> arguments() {
        return arguments;
    }

    /** Whether it acts on one escalation, named by an id (which a Discord thread may stand in for). */
    public boolean needsId() {
        return arguments.contains(Argument.ID);
    }

    public Optional<Argument> argument(String name) {
        return arguments.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public static Optional<SubCommand> named(String word) {
        return Optional.ofNullable(BY_WORD.get(word.toLowerCase(Locale.ROOT)));
    }

    /**
     * Every command typed on Slack looks its first word up here: a stream over a copy of {@link #values()} per
     * command was 1.6 % of the bot's CPU on the ack path (issue #17).
     */
    private static final Map<String, SubCommand> BY_WORD =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SubCommand::word, s -> s));

    /**
     * A {@code stats} window as typed: a duration above zero and at most {@link #LONGEST_WINDOW}; the choices offered
     * are 7d, 30d and 90d, but any such duration is understood on both platforms.
     */
    public static Optional<Duration> window(String typed) {
        if (typed.length() > 32) {
            return Optional.empty();
        }
        return DurationFormat.parse(typed)
                .filter(d -> !d.isZero() && !d.isNegative() && d.compareTo(LONGEST_WINDOW) <= 0);
    }

    /** What the kind of an argument is, for Discord's option types and for reading it. */
    public enum Kind {
        TEXT,
        NUMBER,
        USER,
        /** A configured path's name; Discord offers the paths as choices. */
        PATH,
        /** An escalation id; left out inside the escalation's Discord thread. */
        ID
    }

    /** One value a Discord option offers: the label shown and the value sent. */
    public record Choice(String label, String value) {
        public Choice {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * One argument of a sub-command. {@code slack} is how the usage writes it in Slack text ({@code [to:LEVEL]});
     * {@code example} is the value Discord's usage shows after {@code name:}.
     */
    public record Argument(
            String name,
            Kind kind,
            String description,
            String slack,
            String example,
            boolean isRequired,
            List<Choice> choices,
            OptionalInt maxLength,
            OptionalInt min) {
        /** The escalation id every acting sub-command takes; required on Slack, optional on Discord. */
        public static final Argument ID = new Argument(
                "id",
                Kind.ID,
                "ESC-12 (leave out inside the escalation's thread)",
                "ESC-12",
                "ESC-12",
                false,
                List.of(),
                OptionalInt.empty(),
                OptionalInt.empty());

        public Argument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(slack, "slack");
            Objects.requireNonNull(example, "example");
            choices = List.copyOf(choices);
            Objects.requireNonNull(maxLength, "maxLength");
            Objects.requireNonNull(min, "min");
        }

        static Argument text(String name, String description, String slack, String example) {
            return of(name, Kind.TEXT, description, slack, example);
        }

        static Argument number(String name, String description, String slack, String example) {
            return of(name, Kind.NUMBER, description, slack, example);
        }

        static Argument user(String name, String description, String slack) {
            return of(name, Kind.USER, description, slack, slack);
        }

        static Argument path(String name, String description, String slack) {
            return of(name, Kind.PATH, description, slack, "NAME");
        }

        private static Argument of(String name, Kind kind, String description, String slack, String example) {
            return new Argument(
                    name,
                    kind,
                    description,
                    slack,
                    example,
                    false,
                    List.of(),
                    OptionalInt.empty(),
                    OptionalInt.empty());
        }

        Argument required() {
            return new Argument(name, kind, description, slack, example, true, choices, maxLength, min);
        }

        Argument choices(Choice... offered) {
            return new Argument(name, kind, description, slack, example, isRequired, List.of(offered), maxLength, min);
        }

        Argument maxLength(int most) {
            return new Argument(
                    name, kind, description, slack, example, isRequired, choices, OptionalInt.of(most), min);
        }

        Argument atLeast(int least) {
            return new Argument(
                    name, kind, description, slack, example, isRequired, choices, maxLength, OptionalInt.of(least));
        }

        /** The value as one of the choices, when the argument offers choices; the value itself otherwise. */
        public Optional<String> chosen(String value) {
            if (choices.isEmpty()) {
                return Optional.of(value);
            }
            String lower = value.strip().toLowerCase(Locale.ROOT);
            return choices.stream().map(Choice::value).filter(lower::equals).findFirst();
        }
    }
}
