package dev.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ConfigResult;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    @Test
    void withoutACommandTheBotRunsAndItsExitCodeIsThePrograms() {
        var run = CliRun.of(context(() -> 42));

        assertThat(run.exitCode()).isEqualTo(42);
    }

    @Test
    void helpListsEveryCommandAndTheEnvironment() {
        var run = CliRun.of(context(() -> 0), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("check-config", "simulate", "init", "healthcheck")
                .contains("ESCALATOR_CONFIG", "SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN");
    }

    @Test
    void helpNamesEveryVariableOfTheConfigurationGuidesEnvironmentTable() throws IOException {
        String guide = Files.readString(Path.of("docs/configuration.md"));
        String section = guide.substring(guide.indexOf("## Environment"));
        String table = section.substring(0, section.indexOf("\n## ", 1));
        var variables = new ArrayList<String>();
        for (String row : table.lines().filter(line -> line.startsWith("| `")).toList()) {
            var names = Pattern.compile("`([A-Z][A-Z_]+)`").matcher(row.substring(0, row.indexOf('|', 1)));
            while (names.find()) {
                variables.add(names.group(1));
            }
        }

        var run = CliRun.of(context(() -> 0), "--help");

        assertThat(variables).as("the guide's table, read").contains("ESCALATOR_CONFIG", "MONGODB_URI", "LOG_FORMAT");
        assertThat(run.out()).contains(variables);
    }

    @Test
    void helpFitsEightyColumnsWithEachVariablesDescriptionInItsColumn() {
        var run = CliRun.of(context(() -> 0), "--help");

        // picocli wraps a footer line past its usage width to the first column: "(default:" then "3000)" below "PORT"
        String environment = run.out().substring(run.out().indexOf("Environment:"));
        assertThat(environment.lines().skip(1).filter(line -> !line.isBlank()))
                .isNotEmpty()
                .allSatisfy(
                        line -> assertThat(line).hasSizeLessThanOrEqualTo(80).matches("  ([A-Z][A-Z_]+ +| {22})\\S.*"));
    }

    @Test
    void versionNamesTheProgram() {
        var run = CliRun.of(context(() -> 0), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("escalator ");
    }

    @Test
    void unknownCommandIsAUsageErrorThatPointsAtHelp() {
        var run = CliRun.of(context(() -> 0), "chek-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'chek-config'").contains("See `escalator --help`.");
    }

    @Test
    void failureInsideACommandIsASentenceNotAStackTrace() {
        ConfigSource broken = new ConfigSource() {
            @Override
            public ConfigResult load(Path file) {
                throw new IllegalStateException("the disk is on fire");
            }

            @Override
            public ConfigResult parse(String yaml, String fileName) {
                throw new IllegalStateException("the disk is on fire");
            }
        };
        var context = new CliContext(dir, 3000, new TestClock(Fixtures.T0), broken, () -> 0);

        var run = CliRun.of(context, "check-config");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("escalator: the disk is on fire" + System.lineSeparator());
    }

    private CliContext context(Bot bot) {
        var nothing = ConfigFixtures.answering(new ConfigResult(Optional.empty(), List.of(), List.of()));
        return new CliContext(dir.resolve("escalator.yml"), 3000, new TestClock(Fixtures.T0), nothing, bot);
    }
}
