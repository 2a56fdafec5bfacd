package dev.escalator.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** The optional FILE argument of the commands that work on one configuration file, with the bot's file as default. */
final class ConfigFileArgument {
    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "the configuration file; default: $ESCALATOR_CONFIG or escalator.yml")
    private Optional<Path> file = Optional.empty();

    Path orDefault(CliContext context) {
        return file.orElse(context.configFile());
    }
}
