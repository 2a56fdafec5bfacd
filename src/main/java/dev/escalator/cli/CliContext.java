package dev.escalator.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the commands need from the program around them, read once from the environment by the main class.
 *
 * @param configFile the file commands read when none is named ({@code ESCALATOR_CONFIG} or {@code ./escalator.yml})
 * @param port the HTTP port the bot listens on, which {@code healthcheck} asks
 * @param clock "now" for simulations and for who is on call
 * @param overrides the on-call overrides in the bot's store, which {@code simulate} includes
 * @param demo what {@code demo} plays: the bot against a fake Slack
 */
public record CliContext(
        Path configFile, int port, Clock clock, ConfigSource configs, Bot bot, StoredOverrides overrides, Demo demo) {
    public CliContext {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(demo, "demo");
    }

    /** A context with no store to read on-call overrides from and no demo: for commands that need neither. */
    public CliContext(Path configFile, int port, Clock clock, ConfigSource configs, Bot bot) {
        this(configFile, port, clock, configs, bot, StoredOverrides.NONE);
    }

    /** A context whose {@code demo} is not available: for commands that have nothing to do with it. */
    public CliContext(
            Path configFile, int port, Clock clock, ConfigSource configs, Bot bot, StoredOverrides overrides) {
        this(configFile, port, clock, configs, bot, overrides, (interactive, speed, out, in) -> {
            out.println("The demo is not available here.");
            return 1;
        });
    }
}
