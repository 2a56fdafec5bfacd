package dev.escalator.cli;

/** What {@code escalator} with no sub-command does: run the bot in the foreground until the process is stopped. */
@FunctionalInterface
public interface Bot {
    /** Blocks while the bot runs; returns the process's exit code. */
    int runUntilStopped();
}
