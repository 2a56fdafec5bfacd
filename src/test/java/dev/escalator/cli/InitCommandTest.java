package dev.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ConfigResult;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void initWritesTheExampleWhereTheBotLooksForItsConfiguration() throws IOException {
        var file = dir.resolve("escalator.yml");

        var run = CliRun.of(context(file), "init");

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(ExampleConfig.text()).contains("payments-primary");
        assertThat(run.out())
                .contains("Wrote an example configuration to " + file)
                .contains("`bin/escalator`");
    }

    @Test
    void initWritesToTheFileItIsGivenCreatingItsFolder() throws IOException {
        var file = dir.resolve("conf/prod.yml");

        var run = CliRun.of(context(dir.resolve("escalator.yml")), "init", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(ExampleConfig.text());
        assertThat(run.out()).contains("ESCALATOR_CONFIG=" + file);
    }

    @Test
    void initRefusesToOverwriteAnExistingFile() throws IOException {
        var file = Files.writeString(dir.resolve("escalator.yml"), "people: {}\n");

        var run = CliRun.of(context(file), "init");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + " already exists; not overwriting it.");
        assertThat(Files.readString(file)).isEqualTo("people: {}\n");
    }

    @Test
    void bundledExampleIsTheSpecExample() {
        assertThat(ExampleConfig.text())
                .contains("alice: {slack: U0ALICE, discord: \"111111111111111111\", tz: Europe/Berlin}")
                .contains("- {notify: [rotation:payments-primary], ack_timeout: 5m}")
                .contains("fallback: {slack: C0LEADS}");
    }

    private static CliContext context(Path configFile) {
        var nothing = ConfigFixtures.answering(new ConfigResult(Optional.empty(), List.of(), List.of()));
        return new CliContext(configFile, 3000, new TestClock(Fixtures.T0), nothing, () -> 0);
    }
}
