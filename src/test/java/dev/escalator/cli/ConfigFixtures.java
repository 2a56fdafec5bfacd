package dev.escalator.cli;

import dev.escalator.config.ChannelBinding;
import dev.escalator.config.Config;
import dev.escalator.config.ConfigProblem;
import dev.escalator.config.ConfigResult;
import dev.escalator.config.Reactions;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Level;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import dev.escalator.core.Severity;
import dev.escalator.core.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The SPEC §2 example configuration built in code, for tests that must not depend on the YAML loader. */
public final class ConfigFixtures {
    /** A Tuesday: bob has had the payments-primary shift since Monday 09:00 Berlin time. */
    public static final java.time.Instant TUESDAY = java.time.Instant.parse("2025-03-04T10:00:00Z");

    private ConfigFixtures() {}

    public static Config paymentsConfig(java.nio.file.Path source) {
        return paymentsConfig(source, new ChannelRef(Platform.SLACK, "C0LEADS"));
    }

    /** The same, with the path's fallback in {@code fallback} (a Discord channel for a world on Discord). */
    public static Config paymentsConfig(java.nio.file.Path source, ChannelRef fallback) {
        return new Config(
                paymentsDirectory(fallback),
                List.of(
                        new ChannelBinding(new ChannelRef(Platform.SLACK, "C0PAY"), new PathId("payments")),
                        new ChannelBinding(
                                new ChannelRef(Platform.DISCORD, "222222222222222222"), new PathId("payments"))),
                Reactions.DEFAULT,
                source);
    }

    /** alice and bob take weekly turns from Monday 09:00 Berlin time; payments tags that rotation, bob+carol, alice. */
    static Directory paymentsDirectory() {
        return paymentsDirectory(new ChannelRef(Platform.SLACK, "C0LEADS"));
    }

    private static Directory paymentsDirectory(ChannelRef fallback) {
        var alice = new Person(
                person("alice"),
                Map.of(Platform.SLACK, "U0ALICE", Platform.DISCORD, "111111111111111111"),
                Optional.of(ZoneId.of("Europe/Berlin")));
        var bob =
                new Person(person("bob"), Map.of(Platform.SLACK, "U0BOB"), Optional.of(ZoneId.of("America/New_York")));
        var carol = new Person(person("carol"), Map.of(Platform.DISCORD, "333333333333333333"), Optional.empty());
        var rotation = new Rotation(
                new RotationId("payments-primary"),
                List.of(person("alice"), person("bob")),
                7,
                Optional.of(DayOfWeek.MONDAY),
                LocalTime.of(9, 0),
                ZoneId.of("Europe/Berlin"),
                Rotation.DEFAULT_START);
        var payments = new Path(
                new PathId("payments"),
                List.of(
                        new Level(
                                List.of(new Target.OnCall(new RotationId("payments-primary"))), Duration.ofMinutes(5)),
                        new Level(
                                List.of(new Target.Individual(person("bob")), new Target.Individual(person("carol"))),
                                Duration.ofMinutes(10)),
                        new Level(List.of(new Target.Individual(person("alice"))), Duration.ofMinutes(15))),
                1,
                Map.of(new Severity(1), 2),
                Optional.of(Duration.ofHours(2)),
                Path.DEFAULT_STALE_AFTER,
                Optional.of(fallback));
        return Directory.of(List.of(alice, bob, carol), List.of(rotation), List.of(payments), Set.of(person("alice")));
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

    private static PersonId person(String id) {
        return new PersonId(id);
    }
}
