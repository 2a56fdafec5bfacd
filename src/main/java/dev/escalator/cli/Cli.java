package dev.escalator.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The {@code escalator} command line: runs the bot by default; {@code check-config}, {@code simulate}, {@code init},
 * {@code healthcheck} and {@code demo} as sub-commands. Returns exit codes instead of exiting (0 done, 1 failed, 2 bad usage), so
 * that only the main method ends the process; errors reach the user as sentences, never as stack traces.
 */
public final class Cli {
    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private Cli() {}

    public static int execute(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        var commandLine = new CommandLine(new EscalatorCommand(context.bot()))
                .addSubcommand(new CheckConfigCommand(context))
                .addSubcommand(new SimulateCommand(context))
                .addSubcommand(new InitCommand(context))
                .addSubcommand(new HealthcheckCommand(context))
                .addSubcommand(new DemoCommand(context));
        // set after the sub-commands are added: picocli hands these down only to the ones present
        commandLine.setOut(out).setErr(err).setParameterExceptionHandler(Cli::badUsage);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            // the trace is for a developer who turns on debug logging; the user gets the sentence
            log.debug("{} failed", failed.getCommandName(), exception);
            failed.getErr().println("escalator: " + describe(exception));
            return 1;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The mistake and where to read more, rather than the whole usage text. */
    private static int badUsage(CommandLine.ParameterException exception, String[] args) {
        var failed = exception.getCommandLine();
        var err = failed.getErr();
        err.println(exception.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("See `%s --help`.".formatted(failed.getCommandSpec().qualifiedName()));
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String describe(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }
}
