package dev.escalator.chat;

import dev.escalator.chat.ChatRequest.DecisionBy;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grammar of {@code /escalate} text on Slack (SPEC §5): the first word picks a sub-command of the {@link
 * SubCommand} table; anything else opens an escalation with that title. Never throws: text that fits no form becomes {@link ChatRequest.Invalid} with a
 * message saying how to write it.
 */
public final class CommandLine {
    private static final Set<String> HELP_WORDS = Set.of(SubCommand.HELP.word(), "--help", "-h", "?");
    private static final Pattern ID = Pattern.compile("(?i)ESC-?\\d{1,18}|\\d{1,18}");
    private static final Pattern OPTION = Pattern.compile("(?i)(sev|path|by|to):(\\S+)");
    /** Compiled once: {@code String.split("\\s+")} compiles its pattern on every call, and every command is parsed. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Pattern LEADING_TO = Pattern.compile("(?i)^to:(\\S+)\\s*");
    /** Longest text a user may type; Slack allows far more, nobody needs it. */
    static final int LONGEST_INPUT = 20_000;

    private CommandLine() {}

    public static ChatRequest parse(String text) {
        String stripped = text.strip();
        String input = stripped.length() > LONGEST_INPUT ? stripped.substring(0, LONGEST_INPUT) : stripped;
        if (input.isEmpty()) {
            return new ChatRequest.OpenForm();
        }
        String[] words = WHITESPACE.split(input, 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        if (HELP_WORDS.contains(verb)) {
            return rest.isEmpty() ? new ChatRequest.Help() : open(input);
        }
        Optional<SubCommand> sub = SubCommand.named(verb).filter(s -> s != SubCommand.OPEN);
        if (sub.isEmpty()) {
            return open(input);
        }
        if (sub.get().needsId()) {
            return withId(sub.get(), rest);
        }
        return switch (sub.get()) {
            case LIST -> list(rest, input);
            case STATS -> stats(rest);
            case ONCALL ->
                new ChatRequest.OnCall(
                        rest.isEmpty()
                                ? Optional.empty()
                                : Optional.of(WHITESPACE.split(rest, -1)[0]));
            case OVERRIDE -> override(rest);
            default -> open(input);
        };
    }

    private static ChatRequest withId(SubCommand sub, String rest) {
        String verb = sub.word();
        String[] words = WHITESPACE.split(rest, 2);
        if (rest.isEmpty() || !ID.matcher(words[0]).matches()) {
            return new ChatRequest.Invalid(
                    "`%s` needs an escalation id, e.g. `%s`. To open an escalation whose title starts with \"%s\", put the title in quotes."
                            .formatted(verb, Usage.of(sub, Platform.SLACK), verb));
        }
        Optional<EscalationId> id = EscalationId.parse(words[0]);
        if (id.isEmpty()) {
            return new ChatRequest.Invalid("`%s` is not an escalation id; ids look like `ESC-12`.".formatted(words[0]));
        }
        String tail = words.length > 1 ? words[1].strip() : "";
        Optional<String> text = tail.isEmpty() ? Optional.empty() : Optional.of(tail);
        return switch (sub) {
            case ACK -> new ChatRequest.Acknowledge(id);
            case RESOLVE -> new ChatRequest.Resolve(id, text);
            case UP -> up(id, tail);
            case DECLINE -> new ChatRequest.Decline(id, text);
            case REASSIGN ->
                text.isEmpty()
                        ? invalid(sub)
                        : new ChatRequest.Reassign(id, WHITESPACE.split(tail, -1)[0]);
            case SNOOZE -> snooze(id, tail);
            case NOTE -> text.<ChatRequest>map(t -> new ChatRequest.Note(id, t)).orElseGet(() -> invalid(sub));
            case REOPEN -> new ChatRequest.Reopen(id);
            case STATUS -> new ChatRequest.Status(id);
            case TIMELINE -> new ChatRequest.Timeline(id);
            case OPEN, LIST, STATS, HELP, ONCALL, OVERRIDE -> throw new IllegalStateException("takes no id: " + verb);
        };
    }

    private static ChatRequest up(Optional<EscalationId> id, String tail) {
        var matcher = LEADING_TO.matcher(tail);
        OptionalInt level = OptionalInt.empty();
        String reason = tail;
        if (matcher.find()) {
            Optional<Integer> number = number(matcher.group(1));
            if (number.isEmpty()) {
                return new ChatRequest.Invalid("`to:` takes a level number, e.g. `up ESC-12 to:3`.");
            }
            level = OptionalInt.of(number.get());
            reason = tail.substring(matcher.end());
        }
        return new ChatRequest.Escalate(id, level, reason.isBlank() ? Optional.empty() : Optional.of(reason.strip()));
    }

    private static ChatRequest snooze(Optional<EscalationId> id, String tail) {
        String amount = WHITESPACE.split(tail, -1)[0];
        Optional<Duration> duration = amount.length() > 32 ? Optional.empty() : DurationFormat.parse(amount);
        return duration.filter(d -> !d.isZero())
                .<ChatRequest>map(d -> new ChatRequest.Snooze(id, d))
                .orElseGet(() -> new ChatRequest.Invalid(
                        "`snooze` takes a duration like `30m`, `2h` or `1d`, e.g. `/escalate snooze ESC-12 30m`."));
    }

    /** {@code override ROTATION @user FOR}: the three in that order, nothing more. */
    private static ChatRequest override(String rest) {
        String[] words = rest.isEmpty() ? new String[0] : WHITESPACE.split(rest, -1);
        if (words.length != 3) {
            return invalid(SubCommand.OVERRIDE);
        }
        Optional<Duration> length = words[2].length() > 32 ? Optional.empty() : DurationFormat.parse(words[2]);
        return length.filter(d -> !d.isZero())
                .<ChatRequest>map(d -> new ChatRequest.OverrideRotation(words[0], words[1], d))
                .orElseGet(() -> new ChatRequest.Invalid("`override` takes a duration like `8h` or `2d`; got `%s`. %s"
                        .formatted(words[2], Usage.writeItAs(SubCommand.OVERRIDE, Platform.SLACK))));
    }

    /**
     * {@code list}, {@code list mine|all|stale}. One other word after it ({@code list open}) is a scope mistyped, not
     * a title: opening would page people by mistake. Several words ({@code list exports are empty}) are a title.
     */
    private static ChatRequest list(String rest, String input) {
        if (rest.isEmpty()) {
            return new ChatRequest.ListEscalations(ChatRequest.Scope.CHANNEL);
        }
        Optional<ChatRequest> scoped = SubCommand.LIST
                .argument("scope")
                .flatMap(scope -> scope.chosen(rest))
                .map(ChatRequest.Scope::named)
                .map(ChatRequest.ListEscalations::new);
        if (scoped.isPresent()) {
            return scoped.get();
        }
        if (WHITESPACE.matcher(rest).find()) {
            return open(input);
        }
        return new ChatRequest.Invalid(
                "`list` takes `mine`, `all` or `stale`; got `%s`. %s To open an escalation whose title starts with \"list\", put the title in quotes."
                        .formatted(rest, Usage.writeItAs(SubCommand.LIST, Platform.SLACK)));
    }

    private static ChatRequest stats(String rest) {
        Optional<PathId> path = Optional.empty();
        Duration window = SubCommand.DEFAULT_WINDOW;
        for (String word : rest.isEmpty() ? new String[0] : WHITESPACE.split(rest, -1)) {
            Optional<Duration> asDuration = word.length() > 32 ? Optional.empty() : DurationFormat.parse(word);
            if (asDuration.isPresent()) {
                Optional<Duration> asWindow = SubCommand.window(word);
                if (asWindow.isEmpty()) {
                    return new ChatRequest.Invalid(windowProblem(Platform.SLACK));
                }
                window = asWindow.get();
            } else if (path.isEmpty()) {
                path = Optional.of(new PathId(word));
            } else {
                return new ChatRequest.Invalid(
                        "`stats` takes a path and a window. " + Usage.writeItAs(SubCommand.STATS, Platform.SLACK));
            }
        }
        return new ChatRequest.Stats(path, window);
    }

    /** Opens with the text as title; {@code sev:N}, {@code path:NAME} and {@code by:WHEN} are options anywhere in it. */
    private static ChatRequest open(String input) {
        Optional<String> quoted = quoted(input);
        if (quoted.isPresent()) {
            return new ChatRequest.Open(quoted.get(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Severity> severity = Optional.empty();
        Optional<PathId> path = Optional.empty();
        Optional<DecisionBy> by = Optional.empty();
        List<String> title = new ArrayList<>();
        for (String word : WHITESPACE.split(input, -1)) {
            var option = OPTION.matcher(word);
            if (!option.matches() || option.group(1).equalsIgnoreCase("to")) {
                title.add(word);
                continue;
            }
            String value = option.group(2);
            switch (option.group(1).toLowerCase(Locale.ROOT)) {
                case "sev" -> {
                    severity = number(value.replaceFirst("(?i)^sev", "")).flatMap(Severity::of);
                    if (severity.isEmpty()) {
                        return new ChatRequest.Invalid(
                                "`sev:` is 1 (worst) to 4, e.g. `sev:2`; got `%s`.".formatted(value));
                    }
                }
                case "path" -> path = Optional.of(new PathId(value));
                default -> {
                    by = decisionBy(value);
                    if (by.isEmpty()) {
                        return new ChatRequest.Invalid(
                                "`by:` takes a duration like `4h` or a time like `2026-11-24T17:00Z`; got `%s`."
                                        .formatted(value));
                    }
                }
            }
        }
        String joined = String.join(" ", title).strip();
        if (joined.isEmpty()) {
            return new ChatRequest.Invalid("An escalation needs a title, e.g. `/escalate Checkout is failing sev:2`.");
        }
        return new ChatRequest.Open(joined, severity, path, by);
    }

    /** A {@code by:} value: a duration ({@code 4h}) or an ISO-8601 instant; empty when it is neither. */
    public static Optional<DecisionBy> decisionBy(String value) {
        if (value.length() <= 32) {
            Optional<Duration> duration = DurationFormat.parse(value).filter(d -> !d.isZero());
            if (duration.isPresent()) {
                return Optional.of(new DecisionBy.In(duration.get()));
            }
        }
        try {
            return Optional.of(new DecisionBy.At(OffsetDateTime.parse(value).toInstant()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(new DecisionBy.At(Instant.parse(value)));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }

    /** A title in double quotes is taken as it is, options and sub-command words included. */
    private static Optional<String> quoted(String input) {
        if (input.length() >= 2
                && ((input.startsWith("\"") && input.endsWith("\""))
                        || (input.startsWith("“") && input.endsWith("”")))) {
            return Optional.of(input.substring(1, input.length() - 1).strip());
        }
        return Optional.empty();
    }

    private static Optional<Integer> number(String text) {
        if (!text.matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    private static ChatRequest invalid(SubCommand sub) {
        return new ChatRequest.Invalid(Usage.writeItAs(sub, Platform.SLACK));
    }

    /** What is wrong with a {@code stats} window, in {@code platform}'s syntax. */
    public static String windowProblem(Platform platform) {
        return "`stats` looks back over a window above zero and at most %s, e.g. 7d, 30d or 90d. %s"
                .formatted(
                        DurationFormat.format(SubCommand.LONGEST_WINDOW), Usage.writeItAs(SubCommand.STATS, platform));
    }
}
