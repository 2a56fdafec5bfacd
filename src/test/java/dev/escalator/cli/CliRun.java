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

    /** {@code escalator <command> <args>}. */
    static CliRun command(CliContext context, String command, String... args) {
        var all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return of(context, all);
    }
}
