package dev.escalator.chat;

import dev.escalator.chat.ChatRequest.DecisionBy;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
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
 * The grammar of {@code /escalate} text on Slack (SPEC §5): the first word picks a sub-command; anything else opens
 * an escalation with that title. Never throws: text that fits no form becomes {@link ChatRequest.Invalid} with a
 * message saying how to write it.
 */
public final class CommandLine {
    /** Longest stats window: 90d in the spec, with room for a quarter and a bit. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private static final Set<String> NEEDS_ID =
            Set.of("ack", "resolve", "up", "decline", "reassign", "snooze", "note", "reopen", "status", "timeline");
    private static final Pattern ID = Pattern.compile("(?i)ESC-?\\d{1,18}|\\d{1,18}");
    private static final Pattern OPTION = Pattern.compile("(?i)(sev|path|by|to):(\\S+)");
    /** Longest text a user may type; Slack allows far more, nobody needs it. */
    static final int LONGEST_INPUT = 20_000;

    private CommandLine() {}

    public static ChatRequest parse(String text) {
        String stripped = text.strip();
        String input = stripped.length() > LONGEST_INPUT ? stripped.substring(0, LONGEST_INPUT) : stripped;
        if (input.isEmpty()) {
            return new ChatRequest.OpenForm();
        }
        String[] words = input.split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        if (NEEDS_ID.contains(verb)) {
            return withId(verb, rest);
        }
        return switch (verb) {
            case "help", "--help", "-h", "?" -> rest.isEmpty() ? new ChatRequest.Help() : open(input);
            case "list" -> list(rest).orElseGet(() -> open(input));
            case "stats" -> stats(rest);
            default -> open(input);
        };
    }

    private static ChatRequest withId(String verb, String rest) {
        String[] words = rest.split("\\s+", 2);
        if (rest.isEmpty() || !ID.matcher(words[0]).matches()) {
            return new ChatRequest.Invalid(
                    "`%s` needs an escalation id, e.g. `/escalate %s`. To open an escalation whose title starts with \"%s\", put the title in quotes."
                            .formatted(verb, Usage.of(verb), verb));
        }
        Optional<EscalationId> id = EscalationId.parse(words[0]);
        if (id.isEmpty()) {
            return new ChatRequest.Invalid("`%s` is not an escalation id; ids look like `ESC-12`.".formatted(words[0]));
        }
        String tail = words.length > 1 ? words[1].strip() : "";
        Optional<String> text = tail.isEmpty() ? Optional.empty() : Optional.of(tail);
        return switch (verb) {
            case "ack" -> new ChatRequest.Acknowledge(id);
            case "resolve" -> new ChatRequest.Resolve(id, text);
            case "up" -> up(id, tail);
            case "decline" -> new ChatRequest.Decline(id, text);
            case "reassign" ->
                text.isEmpty() ? invalid("reassign") : new ChatRequest.Reassign(id, tail.split("\\s+")[0]);
            case "snooze" -> snooze(id, tail);
            case "note" ->
                text.<ChatRequest>map(t -> new ChatRequest.Note(id, t)).orElseGet(() -> invalid("note"));
            case "reopen" -> new ChatRequest.Reopen(id);
            case "status" -> new ChatRequest.Status(id);
            case "timeline" -> new ChatRequest.Timeline(id);
            default -> throw new IllegalStateException("unhandled sub-command " + verb);
        };
    }

    private static ChatRequest up(Optional<EscalationId> id, String tail) {
        var matcher = Pattern.compile("(?i)^to:(\\S+)\\s*").matcher(tail);
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
        String amount = tail.split("\\s+")[0];
        Optional<Duration> duration = amount.length() > 32 ? Optional.empty() : DurationFormat.parse(amount);
        return duration.filter(d -> !d.isZero())
                .<ChatRequest>map(d -> new ChatRequest.Snooze(id, d))
                .orElseGet(() -> new ChatRequest.Invalid(
                        "`snooze` takes a duration like `30m`, `2h` or `1d`, e.g. `/escalate snooze ESC-12 30m`."));
    }

    private static Optional<ChatRequest> list(String rest) {
        return switch (rest.toLowerCase(Locale.ROOT)) {
            case "" -> Optional.of(new ChatRequest.ListEscalations(ChatRequest.Scope.CHANNEL));
            case "mine" -> Optional.of(new ChatRequest.ListEscalations(ChatRequest.Scope.MINE));
            case "all" -> Optional.of(new ChatRequest.ListEscalations(ChatRequest.Scope.ALL));
            case "stale" -> Optional.of(new ChatRequest.ListEscalations(ChatRequest.Scope.STALE));
            default -> Optional.empty();
        };
    }

    private static ChatRequest stats(String rest) {
        Optional<PathId> path = Optional.empty();
        Duration window = DEFAULT_WINDOW;
        for (String word : rest.isEmpty() ? new String[0] : rest.split("\\s+")) {
            Optional<Duration> asWindow = word.length() > 32 ? Optional.empty() : DurationFormat.parse(word);
            if (asWindow.isPresent()) {
                if (asWindow.get().isZero() || asWindow.get().compareTo(LONGEST_WINDOW) > 0) {
                    return new ChatRequest.Invalid("`stats` looks back at most 366d, e.g. `stats payments 90d`.");
                }
                window = asWindow.get();
            } else if (path.isEmpty()) {
                path = Optional.of(new PathId(word));
            } else {
                return new ChatRequest.Invalid(
                        "`stats` takes a path and a window, e.g. `/escalate stats payments 30d`.");
            }
        }
        return new ChatRequest.Stats(path, window);
    }

    /** Opens with the text as title; {@code sev:N}, {@code path:NAME} and {@code by:WHEN} are options anywhere in it. */
    private static ChatRequest open(String input) {
        String text = unquote(input);
        if (text != input) {
            return new ChatRequest.Open(text, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Severity> severity = Optional.empty();
        Optional<PathId> path = Optional.empty();
        Optional<DecisionBy> by = Optional.empty();
        List<String> title = new ArrayList<>();
        for (String word : input.split("\\s+")) {
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
    private static String unquote(String input) {
        if (input.length() >= 2
                && (input.startsWith("\"") && input.endsWith("\"") || input.startsWith("“") && input.endsWith("”"))) {
            return input.substring(1, input.length() - 1).strip();
        }
        return input;
    }

    private static Optional<Integer> number(String text) {
        if (!text.matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    private static ChatRequest invalid(String verb) {
        return new ChatRequest.Invalid("Write it as `/escalate %s`.".formatted(Usage.of(verb)));
    }
}
