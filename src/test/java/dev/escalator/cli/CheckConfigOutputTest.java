package dev.escalator.cli;

import static dev.escalator.cli.ConfigFixtures.answering;
import static dev.escalator.cli.ConfigFixtures.invalid;
import static dev.escalator.cli.ConfigFixtures.paymentsConfig;
import static dev.escalator.cli.ConfigFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ConfigProblem;
import dev.escalator.config.ConfigResult;
import dev.escalator.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What check-config prints for a loader's result; the results are made here, so the YAML loader is not needed. */
class CheckConfigOutputTest {
    private static final Clock TUESDAY = Clock.fixed(Fixtures.IN_BOBS_WEEK, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeConfigFile() throws IOException {
        file = ConfigFixtures.placeholderFile(dir);
    }

    @Test
    void validConfigurationPrintsItsWarningsAndWhatItHolds() {
        var warning = new ConfigProblem("escalator.yml", 8, "rotations.solo", "a rotation with a single member");

        var run = checkConfig(valid(paymentsConfig(file), warning));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsSubsequence(
                        "warning: escalator.yml:8: rotations.solo: a rotation with a single member",
                        "is valid (1 warning).",
                        "people     3: alice, bob, carol",
                        "rotations  1: payments-primary (alice, bob; on call now: bob)",
                        "paths      1: payments (3 levels, repeat 1, fallback Slack C0LEADS)",
                        "channels   2: Slack C0PAY -> payments, Discord 222222222222222222 -> payments",
                        "admins     1: alice");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void invalidConfigurationPrintsEveryErrorAndExitsOne() {
        var run = checkConfig(invalid(
                new ConfigProblem("escalator.yml", 14, "paths.payments.levels[1].notify[0]", "unknown person 'bobb'"),
                new ConfigProblem("escalator.yml", 20, "channels[1].path", "unknown path 'pay'")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .containsSubsequence(
                        "escalator.yml:14: paths.payments.levels[1].notify[0]: unknown person 'bobb'",
                        "escalator.yml:20: channels[1].path: unknown path 'pay'",
                        "is not valid: 2 errors.");
    }

    @Test
    void missingFileSaysHowToWriteOne() {
        var missing = dir.resolve("missing.yml");

        var run = checkConfig(invalid(), missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo(ConfigReport.missingFile(missing) + System.lineSeparator())
                .contains("escalator init " + missing);
    }

    @Test
    void fileNamedOnTheCommandLineIsTheOneChecked() throws IOException {
        var other = Files.writeString(dir.resolve("other.yml"), "# also fake\n");

        var run = checkConfig(valid(paymentsConfig(other)), other.toString());

        assertThat(run.out()).contains(other + " is valid.");
    }

    private CliRun checkConfig(ConfigResult result, String... args) {
        var context = new CliContext(file, 3000, TUESDAY, answering(result), () -> 0);
        return CliRun.command(context, "check-config", args);
    }
}
