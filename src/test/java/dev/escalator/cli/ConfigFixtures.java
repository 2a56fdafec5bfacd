package dev.escalator.cli;

import dev.escalator.config.ChannelBinding;
import dev.escalator.config.Config;
import dev.escalator.config.ConfigProblem;
import dev.escalator.config.ConfigResult;
import dev.escalator.config.Reactions;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.testing.Fixtures;
import java.util.List;
import java.util.Optional;

/**
 * The SPEC §2 example configuration built in code, for tests that must not depend on the YAML loader: {@link
 * Fixtures}' world without dave and his infra path.
 */
public final class ConfigFixtures {
    private ConfigFixtures() {}

    public static Config paymentsConfig(java.nio.file.Path source) {
        return paymentsConfig(source, Fixtures.LEADS_CHANNEL);
    }

    /** The same, with the path's fallback in {@code fallback} (a Discord channel for a world on Discord). */
    public static Config paymentsConfig(java.nio.file.Path source, ChannelRef fallback) {
        return new Config(
                paymentsDirectory(fallback),
                List.of(
                        new ChannelBinding(Fixtures.PAYMENTS_CHANNEL, Fixtures.PAYMENTS),
                        new ChannelBinding(
                                new ChannelRef(Platform.DISCORD, "222222222222222222"), new PathId("payments"))),
                Reactions.DEFAULT,
                source);
    }

    /** alice and bob take weekly turns from Monday 09:00 Berlin time; payments tags that rotation, bob+carol, alice. */
    static Directory paymentsDirectory() {
        return paymentsDirectory(Fixtures.LEADS_CHANNEL);
    }

    /** {@link Fixtures#payments()} without dave and the infra path, its fallback in {@code fallback}. */
    private static Directory paymentsDirectory(ChannelRef fallback) {
        return Fixtures.aDirectory()
                .withoutPath("infra")
                .withoutPerson("dave")
                .path(Fixtures.aPaymentsPath().fallback(fallback).build())
                .build();
    }

    /** A file for a fake source to read: commands check that it exists, and nobody parses it. */
    public static java.nio.file.Path placeholderFile(java.nio.file.Path dir) throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("escalator.yml"), "# read by a fake source\n");
    }

    /** A source that answers every file with {@code result}; parsing YAML text too. */
    public static ConfigSource answering(ConfigResult result) {
        return new ConfigSource() {
            @Override
            public ConfigResult load(java.nio.file.Path file) {
                return result;
            }

            @Override
            public ConfigResult parse(String yaml, String fileName) {
                return result;
            }
        };
    }

    public static ConfigResult valid(Config config, ConfigProblem... warnings) {
        return new ConfigResult(Optional.of(config), List.of(), List.of(warnings));
    }

    public static ConfigResult invalid(ConfigProblem... errors) {
        return new ConfigResult(Optional.empty(), List.of(errors), List.of());
    }
}
