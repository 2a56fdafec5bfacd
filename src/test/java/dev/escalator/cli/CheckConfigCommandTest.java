package dev.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-config and simulate on real YAML files through the real loader of the {@code config} package: the end-to-end
 * half of what {@link CheckConfigOutputTest} and {@link SimulateCommandTest} check with prepared results.
 */
class CheckConfigCommandTest {
    private static final Clock TUESDAY = Clock.fixed(Fixtures.IN_BOBS_WEEK, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void bundledExampleIsValidSoTheBotCanStartOnIt() {
        var result = ConfigSource.yamlFiles().parse(ExampleConfig.text(), ExampleConfig.NAME);

        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void exampleWrittenByInitPassesCheckConfig() {
        var file = dir.resolve("escalator.yml");
        CliRun.of(context(file), "init");

        var run = CliRun.of(context(file), "check-config");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(file + " is valid")
                .contains("people     3: alice, bob, carol")
                .contains("paths      1: payments (3 levels, repeat 1, fallback Slack C0LEADS)")
                .contains("channels   2: Slack C0PAY -> payments, Discord 222222222222222222 -> payments")
                .contains("digests    1: payments -> Slack C0LEADS, Mondays 09:00 Europe/Berlin");
    }

    @Test
    void unknownPersonIsReportedWithFileLineAndField() throws IOException {
        var file = write("""
                people:
                  alice: {slack: U0ALICE}
                  bob: {slack: U0BOB}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: 5m}
                      - {notify: [bobb], ack_timeout: 10m}
                """);

        var run = CliRun.of(context(file), "check-config");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .containsPattern("escalator\\.yml:8: paths\\.payments\\.levels\\[1]\\.notify\\[0]: .*'bobb'")
                .contains("is not valid: 1 error.");
    }

    @Test
    void everyErrorIsReportedAtOnce() throws IOException {
        var file = write("""
                people:
                  alice: {slack: U0ALICE}
                  nobody: {tz: Europe/Berlin}
                paths:
                  empty: {levels: []}
                channels:
                  - {slack: C0PAY, path: nowhere}
                colour: blue
                """);

        var run = CliRun.of(context(file), "check-config");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .containsPattern("escalator\\.yml:3: people\\.nobody")
                .containsPattern("escalator\\.yml:5: paths\\.empty")
                .containsPattern("escalator\\.yml:7: channels\\[0]\\.path: .*nowhere")
                .containsPattern("escalator\\.yml:8: colour")
                .contains("is not valid: 4 errors.");
    }

    @Test
    void simulateReadsTheRealFile() {
        var file = dir.resolve("escalator.yml");
        CliRun.of(context(file), "init");

        var run = CliRun.of(context(file), "simulate", "payments");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("+1h   exhausted after 2 passes; fallback told: Slack C0LEADS");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("escalator.yml"), yaml);
    }

    private static CliContext context(Path file) {
        return new CliContext(file, 3000, TUESDAY, ConfigSource.yamlFiles(), () -> 0);
    }
}
