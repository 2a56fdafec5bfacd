package dev.escalator.digest;

import static dev.escalator.digest.WeekOfEscalations.POSTED_AT;
import static dev.escalator.digest.WeekOfEscalations.WEEK;
import static dev.escalator.digest.WeekOfEscalations.at;
import static dev.escalator.testing.Fixtures.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.core.Status;
import dev.escalator.testing.Fixtures;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestTest {
    final Digest digest =
            Digest.of(Fixtures.PAYMENTS, WEEK, ZoneOffset.UTC, WeekOfEscalations.escalations(), POSTED_AT);

    @Test
    void countsTheEscalationsOpenedInTheWeekByWhatBecameOfThem() {
        assertThat(digest.counts()).isEqualTo(new Digest.Counts(6, 3, 3, 1, 3));
    }

    @Test
    void mediansAndP90sAreThoseOfTheStatsCommand() {
        var stats = digest.stats();

        assertThat(stats.medianToAcknowledge()).contains(Duration.ofMinutes(10));
        assertThat(stats.p90ToAcknowledge()).contains(Duration.ofMinutes(20));
        assertThat(stats.medianToResolve()).contains(Duration.ofHours(1));
        assertThat(stats.p90ToResolve()).contains(Duration.ofHours(2));
    }

    @Test
    void theSlowestAreTheUnacknowledgedFirstThenTheLongestToAcknowledge() {
        assertThat(digest.slowest()).extracting(Digest.Slow::id).containsExactly(id(3), id(4), id(2));
        assertThat(digest.slowest().getFirst().acknowledgedAfter()).isEmpty();
        assertThat(digest.slowest().getFirst().waited())
                .isEqualTo(Duration.ofDays(5).plusHours(21));
        assertThat(digest.slowest().getLast().acknowledgedAfter()).contains(Duration.ofMinutes(20));
    }

    @Test
    void eachOfTheSevenDaysCountsItsEscalationsBySeverity() {
        assertThat(digest.days())
                .extracting(Digest.Day::bySeverity)
                .containsExactly(
                        List.of(1, 0, 0, 0),
                        List.of(0, 1, 1, 0),
                        List.of(0, 0, 0, 0),
                        List.of(0, 0, 1, 1),
                        List.of(0, 0, 0, 0),
                        List.of(0, 0, 1, 0),
                        List.of(0, 0, 0, 0));
        assertThat(digest.days().getFirst().start()).isEqualTo(WEEK.start());
    }

    @Test
    void onlyThePathsOwnAreCountedAndStillUnacknowledgedOnesComeFirstHoweverLongOthersWaited() {
        var week = new java.util.ArrayList<>(WeekOfEscalations.escalations());
        // opened a day before the digest, nobody acknowledged it: waited 23 hours
        week.add(anEscalation().id(10).openedAt(at(6, 0)).build());
        // acknowledged after two days, longer than the one above has waited, still unresolved
        week.add(anEscalation()
                .id(11)
                .withStatus(Status.ACKNOWLEDGED)
                .openedAt(at(0, 0))
                .firstAcknowledgedAt(at(2, 0))
                .build());
        week.add(anEscalation().id(12).onPath("infra").openedAt(at(2, 0)).build());

        var digest = Digest.of(Fixtures.PAYMENTS, WEEK, ZoneOffset.UTC, week, POSTED_AT);

        assertThat(digest.counts()).isEqualTo(new Digest.Counts(8, 4, 3, 1, 5));
        assertThat(digest.slowest()).extracting(Digest.Slow::id).containsExactly(id(3), id(4), id(10));
    }

    @Test
    void twoThatWaitedEquallyLongAreListedByTheirIds() {
        var week = List.of(
                anEscalation().id(21).openedAt(at(1, 0)).build(),
                anEscalation().id(20).openedAt(at(1, 0)).build());

        var digest = Digest.of(Fixtures.PAYMENTS, WEEK, ZoneOffset.UTC, week, POSTED_AT);

        assertThat(digest.slowest()).extracting(Digest.Slow::id).containsExactly(id(20), id(21));
    }

    @Test
    void aQuietWeekHasNoTimesAndNobodySlow() {
        var quiet = Digest.of(Fixtures.PAYMENTS, WEEK, ZoneOffset.UTC, List.of(), POSTED_AT);

        assertThat(quiet.counts()).isEqualTo(new Digest.Counts(0, 0, 0, 0, 0));
        assertThat(quiet.stats().medianToAcknowledge()).isEqualTo(Optional.empty());
        assertThat(quiet.slowest()).isEmpty();
        assertThat(quiet.days())
                .hasSize(7)
                .allSatisfy(day -> assertThat(day.total()).isZero());
    }

    private static EscalationId id(long number) {
        return new EscalationId(number);
    }
}
