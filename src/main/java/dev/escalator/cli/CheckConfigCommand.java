package dev.escalator.cli;

import dev.escalator.config.ConfigResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a configuration file: print every error and warning as file:line: field: message, then a summary.",
            "Exits 0 when the file is valid, 1 when it is not."
        })
final class CheckConfigCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileArgument file = new ConfigFileArgument();

    CheckConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path checked = file.orDefault(context);
        if (!Files.exists(checked)) {
            err.println(ConfigReport.missingFile(checked));
            return 1;
        }
        ConfigResult result = context.configs().load(checked);
        if (!result.isValid()) {
            ConfigReport.printWarnings(result.warnings(), out);
            out.flush();
            ConfigReport.printErrors(result, checked, err);
            return 1;
        }
        ConfigReport.printWarnings(result.warnings(), out);
        String warnings =
                result.warnings().isEmpty() ? "" : " (" + ConfigReport.count(result.warnings(), "warning") + ")";
        out.println("%s is valid%s.".formatted(checked, warnings));
        out.print(
                new ConfigSummary(result.config().orElseThrow(), context.clock().instant()).text());
        return 0;
    }
}
