package dev.escalator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line with its output captured, as a user would see it. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(CliContext context, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Cli.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
