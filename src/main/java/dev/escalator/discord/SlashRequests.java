package dev.escalator.discord;

import dev.escalator.chat.ChatRequest;
import dev.escalator.chat.CommandLine;
import dev.escalator.chat.SubCommand;
import dev.escalator.chat.Usage;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code /escalate}'s typed options (as Discord sent them, each as text: a user option is the user's id) into a
 * {@link ChatRequest}, by the {@link SubCommand} table. Discord already enforced required options and choices; what it cannot check (an id, a
 * duration) becomes {@link ChatRequest.Invalid} with a message saying how to write it.
 */
final class SlashRequests {
    private SlashRequests() {}

    static ChatRequest from(String subcommand, Map<String, String> options) {
        Optional<SubCommand> named = SubCommand.named(subcommand);
        if (named.isEmpty()) {
            return new ChatRequest.Invalid("Unknown sub-command `%s`; try `%s`."
                    .formatted(subcommand, Usage.of(SubCommand.HELP, Platform.DISCORD)));
        }
        SubCommand sub = named.get();
        var read = new Options(options);
        Optional<EscalationId> id = read.text("id").flatMap(EscalationId::parse);
        if (read.text("id").isPresent() && id.isEmpty()) {
            return new ChatRequest.Invalid("`%s` is not an escalation id; ids look like `ESC-12`. %s"
                    .formatted(read.text("id").get(), Usage.writeItAs(sub, Platform.DISCORD)));
        }
        return switch (sub) {
            case OPEN -> open(read);
            case ACK -> new ChatRequest.Acknowledge(id);
            case RESOLVE -> new ChatRequest.Resolve(id, read.text("note"));
            case UP -> new ChatRequest.Escalate(id, read.number("level"), read.text("reason"));
            case DECLINE -> new ChatRequest.Decline(id, read.text("reason"));
            case REASSIGN ->
                read.text("user")
                        .<ChatRequest>map(user -> new ChatRequest.Reassign(id, "<@" + user + ">"))
                        .orElseGet(() -> invalid("Whom to? Pick a `user`.", sub));
            case SNOOZE -> snooze(id, read.text("for").orElse(""));
            case NOTE ->
                read.text("text")
                        .<ChatRequest>map(text -> new ChatRequest.Note(id, text))
                        .orElseGet(() -> invalid("A note needs `text`.", sub));
            case REOPEN -> new ChatRequest.Reopen(id);
            case STATUS -> new ChatRequest.Status(id);
            case TIMELINE -> new ChatRequest.Timeline(id);
            case LIST -> list(read);
            case STATS -> stats(read);
            case HELP -> new ChatRequest.Help();
            case ONCALL -> new ChatRequest.OnCall(read.text("name"));
            case OVERRIDE -> override(read);
        };
    }

    private static ChatRequest list(Options read) {
        Optional<String> typed = read.text("scope");
        if (typed.isEmpty()) {
            return new ChatRequest.ListEscalations(ChatRequest.Scope.CHANNEL);
        }
        return SubCommand.LIST
                .argument("scope")
                .flatMap(scope -> scope.chosen(typed.get()))
                .<ChatRequest>map(choice -> new ChatRequest.ListEscalations(ChatRequest.Scope.named(choice)))
                .orElseGet(() -> invalid("`scope` is one of mine, all or stale.", SubCommand.LIST));
    }

    private static ChatRequest stats(Options read) {
        Optional<String> typed = read.text("window");
        Optional<Duration> window = typed.flatMap(SubCommand::window);
        if (typed.isPresent() && window.isEmpty()) {
            return new ChatRequest.Invalid(CommandLine.windowProblem(Platform.DISCORD));
        }
        return new ChatRequest.Stats(read.text("path").map(PathId::new), window.orElse(SubCommand.DEFAULT_WINDOW));
    }

    private static ChatRequest override(Options read) {
        Optional<String> rotation = read.text("rotation");
        Optional<String> user = read.text("user");
        String length = read.text("for").orElse("");
        if (rotation.isEmpty() || user.isEmpty()) {
            return invalid("Name the `rotation` and the `user`.", SubCommand.OVERRIDE);
        }
        return DurationFormat.parse(length)
                .filter(duration -> !duration.isZero() && !duration.isNegative())
                .<ChatRequest>map(
                        duration -> new ChatRequest.OverrideRotation(rotation.get(), "<@" + user.get() + ">", duration))
                .orElseGet(() -> invalid(
                        "`for` takes a duration like `8h` or `2d`; got `%s`.".formatted(length), SubCommand.OVERRIDE));
    }

    private static ChatRequest invalid(String problem, SubCommand sub) {
        return new ChatRequest.Invalid(problem + " " + Usage.writeItAs(sub, Platform.DISCORD));
    }

    private static ChatRequest open(Options read) {
        Optional<String> title = read.text("title");
        if (title.isEmpty()) {
            return new ChatRequest.OpenForm();
        }
        Optional<String> byText = read.text("by");
        Optional<ChatRequest.DecisionBy> by = byText.flatMap(CommandLine::decisionBy);
        if (byText.isPresent() && by.isEmpty()) {
            return invalid(
                    "`by` takes a duration like `4h` or a time like `2026-11-24T17:00Z`; got `%s`."
                            .formatted(byText.get()),
                    SubCommand.OPEN);
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
                .orElseGet(() -> invalid(
                        "`for` takes a duration like `30m`, `2h` or `1d`; got `%s`.".formatted(text),
                        SubCommand.SNOOZE));
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
