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
 */
public record CliContext(
        Path configFile, int port, Clock clock, ConfigSource configs, Bot bot, StoredOverrides overrides) {
    public CliContext {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(overrides, "overrides");
    }

    /** A context with no store to read on-call overrides from. */
    public CliContext(Path configFile, int port, Clock clock, ConfigSource configs, Bot bot) {
        this(configFile, port, clock, configs, bot, StoredOverrides.NONE);
    }
}
