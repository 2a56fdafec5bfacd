package dev.escalator.chat;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationTimes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsReportTest {
    @Test
    void medianAndP90AreNearestRankOverAcknowledgedAndResolvedOnes() {
        // ten escalations acknowledged after 1..10 minutes; the first five resolved after 1..5 hours
        List<Escalation> escalations = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> anEscalation().build().toBuilder()
                        .openedAt(T0)
                        .firstAcknowledgedAt(Optional.of(T0.plus(Duration.ofMinutes(i))))
                        .resolvedAt(i <= 5 ? Optional.of(T0.plus(Duration.ofHours(i))) : Optional.empty())
                        .build())
                .toList();

        var stats = StatsReport.compute(
                escalations.stream().map(EscalationTimes::of).toList());

        assertThat(stats).singleElement().satisfies(s -> {
            assertThat(s.count()).isEqualTo(10);
            assertThat(s.medianToAcknowledge()).contains(Duration.ofMinutes(5));
            assertThat(s.p90ToAcknowledge()).contains(Duration.ofMinutes(9));
            assertThat(s.medianToResolve()).contains(Duration.ofHours(3));
            assertThat(s.p90ToResolve()).contains(Duration.ofHours(5));
        });
    }

    @Test
    void aPathWithNothingAcknowledgedShowsDashesNotZeroes() {
        var stats =
                StatsReport.compute(List.of(EscalationTimes.of(anEscalation().build())));

        String text = StatsReport.render(stats, Duration.ofDays(7));

        assertThat(text).contains("Last 7d").contains("1 escalation ·").contains("acknowledge median –");
    }

    @Test
    void noEscalationsSaysSo() {
        assertThat(StatsReport.render(List.of(), Duration.ofDays(30))).isEqualTo("No escalations in the last 30d.");
    }
}
