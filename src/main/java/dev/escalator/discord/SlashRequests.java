package dev.escalator.discord;

import dev.escalator.chat.ChatRequest;
import dev.escalator.chat.CommandLine;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code /escalate}'s typed options (as Discord sent them, each as text: a user option is the user's id) into a
 * {@link ChatRequest}. Discord already enforced required options and choices; what it cannot check (an id, a
 * duration) becomes {@link ChatRequest.Invalid} with a message saying how to write it.
 */
final class SlashRequests {
    private SlashRequests() {}

    static ChatRequest from(String subcommand, Map<String, String> options) {
        var read = new Options(options);
        Optional<EscalationId> id = read.text("id").flatMap(EscalationId::parse);
        if (read.text("id").isPresent() && id.isEmpty()) {
            return new ChatRequest.Invalid("`%s` is not an escalation id; write it as `ESC-12`."
                    .formatted(read.text("id").get()));
        }
        return switch (subcommand) {
            case "open" -> open(read);
            case "ack" -> new ChatRequest.Acknowledge(id);
            case "resolve" -> new ChatRequest.Resolve(id, read.text("note"));
            case "up" -> new ChatRequest.Escalate(id, read.number("level"), read.text("reason"));
            case "decline" -> new ChatRequest.Decline(id, read.text("reason"));
            case "reassign" ->
                read.text("user")
                        .<ChatRequest>map(user -> new ChatRequest.Reassign(id, "<@" + user + ">"))
                        .orElseGet(() -> new ChatRequest.Invalid("Whom to? Pick a `user`."));
            case "snooze" -> snooze(id, read.text("for").orElse(""));
            case "note" ->
                read.text("text")
                        .<ChatRequest>map(text -> new ChatRequest.Note(id, text))
                        .orElseGet(() -> new ChatRequest.Invalid("A note needs `text`."));
            case "reopen" -> new ChatRequest.Reopen(id);
            case "status" -> new ChatRequest.Status(id);
            case "timeline" -> new ChatRequest.Timeline(id);
            case "list" ->
                new ChatRequest.ListEscalations(scope(read.text("scope").orElse("channel")));
            case "stats" ->
                new ChatRequest.Stats(
                        read.text("path").map(PathId::new),
                        read.text("window").flatMap(DurationFormat::parse).orElse(Duration.ofDays(30)));
            case "help" -> new ChatRequest.Help();
            default -> new ChatRequest.Invalid("Unknown sub-command `%s`; try `/escalate help`.".formatted(subcommand));
        };
    }

    private static ChatRequest open(Options read) {
        Optional<String> title = read.text("title");
        if (title.isEmpty()) {
            return new ChatRequest.OpenForm();
        }
        Optional<String> byText = read.text("by");
        Optional<ChatRequest.DecisionBy> by = byText.flatMap(CommandLine::decisionBy);
        if (byText.isPresent() && by.isEmpty()) {
            return new ChatRequest.Invalid(
                    "`by` takes a duration like `4h` or a time like `2026-11-24T17:00Z`; got `%s`."
                            .formatted(byText.get()));
        }
        OptionalInt severity = read.number("severity");
        return new ChatRequest.Open(
                title.get(),
                severity.isPresent() ? Severity.of(severity.getAsInt()) : Optional.empty(),
                read.text("path").map(PathId::new),
                by);
    }

    private static ChatRequest snooze(Optional<EscalationId> id, String text) {
        return DurationFormat.parse(text)
                .filter(duration -> !duration.isZero() && !duration.isNegative())
                .<ChatRequest>map(duration -> new ChatRequest.Snooze(id, duration))
                .orElseGet(() -> new ChatRequest.Invalid(
                        "`for` takes a duration like `30m`, `2h` or `1d`; got `%s`.".formatted(text)));
    }

    private static ChatRequest.Scope scope(String text) {
        return switch (text) {
            case "mine" -> ChatRequest.Scope.MINE;
            case "all" -> ChatRequest.Scope.ALL;
            case "stale" -> ChatRequest.Scope.STALE;
            default -> ChatRequest.Scope.CHANNEL;
        };
    }

    private record Options(Map<String, String> values) {
        Optional<String> text(String name) {
            return Optional.ofNullable(values.get(name)).map(String::strip).filter(value -> !value.isEmpty());
        }

        OptionalInt number(String name) {
            try {
                return text(name)
                        .map(value -> OptionalInt.of(Integer.parseInt(value)))
                        .orElse(OptionalInt.empty());
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
    }
}
