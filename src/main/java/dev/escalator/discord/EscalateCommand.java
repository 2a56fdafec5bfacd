package dev.escalator.discord;

import dev.escalator.chat.SubCommand;
import dev.escalator.core.PathId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /escalate} on Discord (SPEC §5), built from the {@link SubCommand} table: what is registered at start and
 * what {@code manifests/discord/commands.json} holds. Option names are the table's, which {@link SlashRequests} reads.
 */
final class EscalateCommand {
    static final String NAME = "escalate";
    /** Discord shows at most 25 choices; a larger installation types the path in the open form instead. */
    static final int MOST_CHOICES = 25;

    private EscalateCommand() {}

    static SlashCommandData definition(Collection<PathId> paths) {
        List<PathId> choices = paths.stream()
                .sorted(Comparator.comparing(PathId::value))
                .limit(MOST_CHOICES)
                .toList();
        return Commands.slash(NAME, "Get a stuck issue in front of the right person")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(Stream.of(SubCommand.values())
                        .map(sub -> subcommand(sub, choices))
                        .toList());
    }

    /** Discord wants required options first, so those come before the optional id. */
    private static SubcommandData subcommand(SubCommand sub, List<PathId> paths) {
        var required = sub.arguments().stream().filter(SubCommand.Argument::isRequired);
        var optional = sub.arguments().stream().filter(argument -> !argument.isRequired());
        return new SubcommandData(sub.word(), sub.description())
                .addOptions(Stream.concat(required, optional)
                        .map(argument -> option(argument, paths))
                        .toList());
    }

    private static OptionData option(SubCommand.Argument argument, List<PathId> paths) {
        OptionType type = switch (argument.kind()) {
            case TEXT, PATH, ID -> OptionType.STRING;
            case NUMBER -> OptionType.INTEGER;
            case USER -> OptionType.USER;
        };
        var option = new OptionData(type, argument.name(), argument.description(), argument.isRequired());
        argument.maxLength().ifPresent(option::setMaxLength);
        argument.min().ifPresent(option::setMinValue);
        for (SubCommand.Choice choice : argument.choices()) {
            if (type == OptionType.INTEGER) {
                option.addChoice(choice.label(), Long.parseLong(choice.value()));
            } else {
                option.addChoice(choice.label(), choice.value());
            }
        }
        if (argument.kind() == SubCommand.Kind.PATH) {
            paths.forEach(path -> option.addChoice(path.value(), path.value()));
        }
        return option;
    }
}
