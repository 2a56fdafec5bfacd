package dev.escalator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write an example configuration to edit. Never overwrites an existing file.")
final class InitCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileArgument file = new ConfigFileArgument();

    InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path target = file.orDefault(context);
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // CREATE_NEW: the check for an existing file and the write are one step, so nothing is ever overwritten
            Files.writeString(target, ExampleConfig.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            err.println("%s already exists; not overwriting it. Name another file: `bin/escalator init FILE`."
                    .formatted(target));
            return 1;
        } catch (IOException e) {
            err.println("Cannot write %s: %s".formatted(target, e.getMessage()));
            return 1;
        }
        out.println("Wrote an example configuration to %s.".formatted(target));
        out.println(
                "Put your people, rotations, paths and channels in it, check it with `bin/escalator check-config %s`,"
                        .formatted(target));
        out.println(
                target.equals(context.configFile())
                        ? "then start the bot with `bin/escalator`."
                        : "then start the bot with `ESCALATOR_CONFIG=%s bin/escalator`.".formatted(target));
        return 0;
    }
}
