package dev.escalator.cli;

import static dev.escalator.cli.ConfigFixtures.answering;
import static dev.escalator.cli.ConfigFixtures.invalid;
import static dev.escalator.cli.ConfigFixtures.paymentsConfig;
import static dev.escalator.cli.ConfigFixtures.valid;
import static dev.escalator.testing.Fixtures.IN_BOBS_WEEK;
import static dev.escalator.testing.Fixtures.NEXT_HANDOFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ConfigProblem;
import dev.escalator.core.OnCallOverride;
import dev.escalator.core.OnCallOverrides;
import dev.escalator.core.PersonId;
import dev.escalator.core.RotationId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeConfigFile() throws IOException {
        file = ConfigFixtures.placeholderFile(dir);
    }

    @Test
    void simulationTagsEveryLevelAtItsOffsetUntilTheFallbackIsTold() {
        var run = simulate(IN_BOBS_WEEK, "payments");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsSubsequence(
                        "+0s   level 1/3, pass 1/2: tag bob (on call in payments-primary)",
                        "+5m   level 2/3, pass 1/2: tag bob, carol",
                        "+15m  level 3/3, pass 1/2: tag alice",
                        "+30m  level 1/3, pass 2/2: tag bob (on call in payments-primary)",
                        "+35m  level 2/3, pass 2/2: tag bob, carol",
                        "+45m  level 3/3, pass 2/2: tag alice",
                        "+1h   exhausted after 2 passes; fallback told: Slack C0LEADS");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aDecisionDeadlineAddsItsRemindersTaggingTheLevelTaggedThen() {
        var run = simulate(IN_BOBS_WEEK, "payments", "--by", "2h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsSubsequence(
                        "+45m  level 3/3, pass 2/2: tag alice",
                        "+1h   exhausted after 2 passes; fallback told: Slack C0LEADS",
                        "+1h   decision reminder: tag alice (decision needed by +2h)",
                        "+2h   decision reminder: tag alice (decision needed by +2h)");
    }

    @Test
    void aDecisionDeadlineThatIsNoDurationIsRefusedClearly() {
        var run = simulate(IN_BOBS_WEEK, "payments", "--by", "tomorrow");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--by takes a duration such as 4h or 1h30m, not tomorrow");
    }

    @Test
    void severityOneStartsAtTheLevelThePathGivesIt() {
        var run = simulate(IN_BOBS_WEEK, "payments", "--severity", "1");

        assertThat(run.out())
                .containsSubsequence(
                        "+0s   level 2/3, pass 1/2: tag bob, carol",
                        "+10m  level 3/3, pass 1/2: tag alice",
                        "+25m  level 2/3, pass 2/2: tag bob, carol",
                        "+35m  level 3/3, pass 2/2: tag alice",
                        "+50m  exhausted after 2 passes")
                .doesNotContain("level 1/3");
    }

    @Test
    void rotationIsResolvedWhenItsLevelIsReachedNotWhenTheEscalationOpened() {
        // Monday 08:58 in Berlin: alice's shift ends at 09:00, so the second pass reaches bob
        var run = simulate(NEXT_HANDOFF.minus(java.time.Duration.ofMinutes(2)), "payments");

        assertThat(run.out())
                .containsSubsequence(
                        "+0s   level 1/3, pass 1/2: tag alice (on call in payments-primary)",
                        "+30m  level 1/3, pass 2/2: tag bob (on call in payments-primary)");
    }

    @Test
    void unknownPathIsRefusedWithTheKnownPaths() {
        var run = simulate(IN_BOBS_WEEK, "paymnets");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("There is no path 'paymnets'").contains("Known paths: payments.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void severityOutsideOneToFourIsAUsageError() {
        var run = simulate(IN_BOBS_WEEK, "payments", "--severity", "7");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--severity is 1 (worst) to 4, not 7").doesNotContain("\tat ");
    }

    @Test
    void invalidConfigurationIsReportedInsteadOfSimulated() {
        var problem =
                new ConfigProblem("escalator.yml", 14, "paths.payments.levels[1].notify[0]", "unknown person 'bobb'");
        var context = new CliContext(
                file, 3000, Clock.fixed(IN_BOBS_WEEK, ZoneOffset.UTC), answering(invalid(problem)), () -> 0);

        var run = CliRun.of(context, "simulate", "payments");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("escalator.yml:14: paths.payments.levels[1].notify[0]: unknown person 'bobb'")
                .contains("is not valid: 1 error.");
    }

    @Test
    void missingConfigurationFileSaysHowToWriteOne() {
        var run = simulate(
                IN_BOBS_WEEK, "payments", "--config", dir.resolve("nope.yml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No configuration file at").contains("escalator init");
    }

    @Test
    void anOverrideInTheStoreIsIncludedWhileItLasts() {
        var override = new OnCallOverride(
                new RotationId("payments-primary"),
                new PersonId("alice"),
                IN_BOBS_WEEK,
                IN_BOBS_WEEK.plus(java.time.Duration.ofMinutes(20)),
                new PersonId("bob"));
        var clock = Clock.fixed(IN_BOBS_WEEK, ZoneOffset.UTC);
        var context = new CliContext(
                file,
                3000,
                clock,
                answering(valid(paymentsConfig(file))),
                () -> 0,
                now -> Optional.of(new OnCallOverrides(List.of(override)).notOverAt(now)));

        var run = CliRun.command(context, "simulate", "payments");

        assertThat(run.out())
                .containsSubsequence(
                        "+0s   level 1/3, pass 1/2: tag alice (on call in payments-primary)",
                        "+30m  level 1/3, pass 2/2: tag bob (on call in payments-primary)");
    }

    @Test
    void aStoreThatCannotBeReadIsSaidAndTheScheduleAloneSimulated() {
        var clock = Clock.fixed(IN_BOBS_WEEK, ZoneOffset.UTC);
        var context = new CliContext(
                file, 3000, clock, answering(valid(paymentsConfig(file))), () -> 0, now -> Optional.empty());

        var run = CliRun.command(context, "simulate", "payments");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("overrides in the bot's store could not be read");
        assertThat(run.out()).contains("+0s   level 1/3, pass 1/2: tag bob (on call in payments-primary)");
    }

    private CliRun simulate(Instant now, String... args) {
        var clock = Clock.fixed(now, ZoneOffset.UTC);
        var context = new CliContext(file, 3000, clock, answering(valid(paymentsConfig(file))), () -> 0);
        return CliRun.command(context, "simulate", args);
    }
}
