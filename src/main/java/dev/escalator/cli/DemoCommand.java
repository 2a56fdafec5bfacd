package dev.escalator.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Watch one escalation on a fake Slack, with no account, configuration or data: the real bot runs in this"
                    + " process for about 30 seconds and the thread is printed as people would read it.",
            "Nothing is read from the environment or the current folder; the store lives in a temporary folder that is"
                    + " deleted at exit."
        })
final class DemoCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--interactive",
            description =
                    "Type the commands yourself (/escalate …, react bob 👀, press alice ack, wait 30s, help, quit).")
    private boolean interactive;

    @Option(
            names = "--speed",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description = "Run the clock this many times faster than real time (default: ${DEFAULT-VALUE}).")
    private double speed;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!(speed >= 1 && speed <= 1000)) {
            spec.commandLine().getErr().println("--speed must be between 1 and 1000, not " + speed + ".");
            return 2;
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return context.demo().play(interactive, speed, spec.commandLine().getOut(), in);
    }
}
