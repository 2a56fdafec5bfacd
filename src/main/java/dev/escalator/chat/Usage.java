package dev.escalator.chat;

import dev.escalator.config.Reactions;
import dev.escalator.core.Action;
import dev.escalator.core.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How each sub-command is written, in each platform's own syntax (SPEC §5), from the {@link SubCommand} table: Slack
 * free text ({@code /escalate ack ESC-12}), Discord sub-commands and options ({@code /escalate ack id:ESC-12}). The
 * help text and every "write it as" message come from here.
 */
public final class Usage {
    public static final String COMMAND = "/escalate";

    private Usage() {}

    /** The whole command as a person types it on {@code platform}, e.g. {@code /escalate up ESC-12 [to:LEVEL]}. */
    public static String of(SubCommand sub, Platform platform) {
        return COMMAND + " " + form(sub, platform);
    }

    /** "Write it as `…`." for {@code sub} on {@code platform}. */
    public static String writeItAs(SubCommand sub, Platform platform) {
        return "Write it as `%s`.".formatted(of(sub, platform));
    }

    /**
     * {@code sub} with these values, as typed on {@code platform}: {@code /escalate list all} on Slack, {@code
     * /escalate list scope:all} on Discord. Values are given in the table's order of arguments.
     */
    public static String typed(SubCommand sub, Platform platform, java.util.Map<String, String> values) {
        var words = sub.arguments().stream()
                .filter(argument -> values.containsKey(argument.name()))
                .map(argument -> platform == Platform.SLACK
                        ? values.get(argument.name())
                        : argument.name() + ":" + values.get(argument.name()));
        return COMMAND + " " + join(sub.word(), words);
    }

    private static String form(SubCommand sub, Platform platform) {
        return switch (platform) {
            case SLACK ->
                sub == SubCommand.OPEN
                        ? sub.arguments().stream()
                                .map(SubCommand.Argument::slack)
                                .collect(Collectors.joining(" "))
                        : join(sub.word(), sub.arguments().stream().map(SubCommand.Argument::slack));
            case DISCORD -> join(sub.word(), sub.arguments().stream().map(Usage::discord));
        };
    }

    private static String discord(SubCommand.Argument argument) {
        String written = argument.name() + ":" + argument.example();
        return argument.isRequired() || argument.kind() == SubCommand.Kind.ID ? written : "[" + written + "]";
    }

    private static String join(String word, java.util.stream.Stream<String> arguments) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(word), arguments)
                .collect(Collectors.joining(" "));
    }

    /** The whole usage, one line per sub-command, for {@code /escalate help} on {@code platform}. */
    public static String help(Platform platform, Reactions reactions) {
        String lines = Arrays.stream(SubCommand.values())
                .map(sub -> "`" + of(sub, platform) + "`")
                .collect(Collectors.joining("\n"));
        String form = switch (platform) {
            case SLACK -> "An empty `" + COMMAND + "` opens a form.";
            case DISCORD ->
                "`" + COMMAND + " open` without a title opens a form; inside an escalation's thread `id:` may be"
                        + " left out.";
        };
        return "Escalator: get a stuck issue in front of the right person.\n" + lines + "\n" + form
                + reactionHint(reactions).map(hint -> " " + hint).orElse("");
    }

    /**
     * "React 👀 to acknowledge, ✅ to resolve, …" with the reactions the configuration gives each action (the first
     * of each; a Unicode emoji where the name has one, else {@code :name:}); empty when no reaction does anything.
     */
    public static Optional<String> reactionHint(Reactions reactions) {
        var parts = new ArrayList<String>();
        for (Action action : List.of(Action.ACKNOWLEDGE, Action.RESOLVE, Action.ESCALATE, Action.DECLINE)) {
            reactions.namesFor(action).stream()
                    .findFirst()
                    .map(name ->
                            reactions.unicodeFor(action).stream().findFirst().orElse(":" + name + ":"))
                    .ifPresent(emoji -> parts.add(emoji + " to " + action.verb()));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("React " + String.join(", ", parts) + ".");
    }
}
