package dev.escalator.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;

/**
 * What {@code escalator demo} does: the bot, started for the length of the demo against a fake Slack in this process,
 * with nothing read from the environment or the working folder and nothing left behind.
 */
@FunctionalInterface
public interface Demo {
    /**
     * Plays the demo, or with {@code interactive} reads commands from {@code in} until {@code quit} or its end; {@code
     * speed} runs the bot's clock and the script that many times faster than real time. Returns the exit code.
     */
    int play(boolean interactive, double speed, PrintWriter out, BufferedReader in);
}
