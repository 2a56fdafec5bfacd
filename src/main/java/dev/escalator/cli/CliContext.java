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
 */
public record CliContext(Path configFile, int port, Clock clock, ConfigSource configs, Bot bot) {
    public CliContext {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(bot, "bot");
    }
}
