package dev.escalator.core;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small value types of the core keep the contracts their javadoc states: the range checks, the optional parts, the
 * queries' narrowing. Found by mutation testing: these were only ever exercised through other packages' tests.
 */
class ValueTypesTest {
    static final Level ONE_LEVEL = new Level(List.of(new Target.Individual(Fixtures.ALICE)), Duration.ofMinutes(5));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void aSeverityFromOneToFourIsOne(int value) {
        assertThat(Severity.of(value)).contains(new Severity(value));
        assertThat(new Severity(value)).hasToString("sev" + value);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 5, 6, Integer.MAX_VALUE})
    void anyOtherNumberIsNoSeverity(int value) {
        assertThat(Severity.of(value)).isEmpty();
        assertThatThrownBy(() -> new Severity(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severityOneIsWorstAndSortsFirst() {
        var sorted = new ArrayList<>(List.of(new Severity(3), new Severity(1), new Severity(4), new Severity(2)));
        sorted.sort(null);

        assertThat(sorted).extracting(Severity::value).containsExactly(1, 2, 3, 4);
        assertThat(new Severity(2).compareTo(new Severity(2))).isZero();
        assertThat(new Severity(1).compareTo(new Severity(4))).isNegative();
    }

    @Test
    void aBriefOfBlanksIsEmptyAndTextIsStripped() {
        var blanks =
                new Brief(Optional.of("  "), Optional.of(""), Optional.empty(), Optional.of("\n"), Optional.empty());
        var impact = new Brief(
                Optional.empty(),
                Optional.of("  all checkouts  "),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(blanks.isEmpty()).isTrue();
        assertThat(blanks.whatIsWrong()).isEmpty();
        assertThat(Brief.EMPTY.isEmpty()).isTrue();
        assertThat(impact.isEmpty()).isFalse();
        assertThat(impact.impact()).contains("all checkouts");
    }

    @Test
    void aBriefWithOnlyADeadlineIsNotEmpty() {
        Brief withDeadline = Brief.EMPTY.withDecisionBy(T0);

        assertThat(withDeadline.decisionBy()).contains(T0);
        assertThat(withDeadline.isEmpty()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void onlyResolvedIsResolved(Status status) {
        assertThat(status.isUnresolved()).isEqualTo(status != Status.RESOLVED);
        assertThat(status.word()).isEqualTo(status.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void actionsAreTheSubCommandsPeopleType() {
        assertThat(Action.ESCALATE.command()).isEqualTo("up");
        assertThat(Action.ACKNOWLEDGE.command()).isEqualTo("ack");
        assertThat(Action.DECLINE.verb()).isEqualTo("decline");
    }

    @Test
    void queriesNarrowStepByStepAndKeepWhatWasSetBefore() {
        Instant since = T0.minus(Duration.ofDays(7));
        var channel = Fixtures.PAYMENTS_CHANNEL;

        EscalationQuery query = EscalationQuery.openedBetween(since, T0, 50)
                .inChannel(channel)
                .onPath(Fixtures.PAYMENTS)
                .involving(alice())
                .openedBefore(T0.minusSeconds(1));

        assertThat(query.openedSince()).contains(since);
        assertThat(query.openedBefore()).contains(T0.minusSeconds(1));
        assertThat(query.channel()).contains(channel);
        assertThat(query.path()).contains(Fixtures.PAYMENTS);
        assertThat(query.involving()).contains(alice());
        assertThat(query.unresolvedOnly()).isFalse();
        assertThat(query.limit()).isEqualTo(50);
        assertThat(EscalationQuery.unresolved(1).unresolvedOnly()).isTrue();
        assertThat(EscalationQuery.unresolved(1).channel()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aQueryForNothingIsABug(int limit) {
        assertThatThrownBy(() -> EscalationQuery.unresolved(limit)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathMayStartASeverityAtItsFirstOrLastLevelButNowhereElse() {
        var two = List.of(ONE_LEVEL, ONE_LEVEL);

        assertThat(path(two, 1).startLevels()).containsEntry(new Severity(1), 1);
        assertThat(path(two, 2).startLevels()).containsEntry(new Severity(1), 2);
        assertThatThrownBy(() -> path(two, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> path(two, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathOfLevelsOnlyHasEveryDefault() {
        Path path = Path.of("infra", List.of(ONE_LEVEL));

        assertThat(path.id()).isEqualTo(new PathId("infra"));
        assertThat(path.levels()).containsExactly(ONE_LEVEL);
        assertThat(path.repeat()).isZero();
        assertThat(path.staleAfter()).isEqualTo(Path.DEFAULT_STALE_AFTER);
        assertThat(path.fallback()).isEmpty();
    }

    @Test
    void aDirectoryOfListsFindsEachByItsId() {
        Path infra = Path.of("infra", List.of(ONE_LEVEL));
        Directory directory = Directory.of(
                List.of(Fixtures.payments().person(Fixtures.ALICE).orElseThrow()),
                List.of(Fixtures.paymentsPrimary()),
                List.of(infra),
                Set.of(Fixtures.ALICE));

        assertThat(directory.path(new PathId("infra"))).contains(infra);
        assertThat(directory.person(Fixtures.ALICE)).isPresent();
        assertThat(directory.rotation(Fixtures.PAYMENTS_PRIMARY)).isPresent();
    }

    @Test
    void theTimesOfAnEscalationAreItsOwn() {
        Escalation escalation = anEscalation().build();

        EscalationTimes times = EscalationTimes.of(escalation);

        assertThat(times.path()).isEqualTo(escalation.path());
        assertThat(times.openedAt()).isEqualTo(escalation.openedAt());
        assertThat(times.firstAcknowledgedAt()).isEqualTo(escalation.firstAcknowledgedAt());
        assertThat(times.resolvedAt()).isEqualTo(escalation.resolvedAt());
    }

    @Test
    void theTimerIsTheBotAndARotationIdReadsAsItsName() {
        assertThat(new Command.StepDue().actor()).isEqualTo(Actor.BOT);
        assertThat(Fixtures.PAYMENTS_PRIMARY).hasToString("payments-primary");
    }

    @Test
    void aBuilderKeepsTheLevelItWasGiven() {
        Escalation atTwo = anEscalation().atLevel(2).build();

        assertThat(atTwo.toBuilder().level()).isEqualTo(2);
    }

    private static Path path(List<Level> levels, int severityOneStartsAt) {
        return new Path(
                new PathId("p"),
                levels,
                0,
                Map.of(new Severity(1), severityOneStartsAt),
                Optional.empty(),
                Path.DEFAULT_STALE_AFTER,
                Optional.empty());
    }
}
