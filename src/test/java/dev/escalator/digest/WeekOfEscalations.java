package dev.escalator.digest;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anEscalation;

import dev.escalator.core.Escalation;
import dev.escalator.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A known week on the payments path: the digest of Monday 10 June 2024, 09:00 UTC covers 3 June 09:00 to 10 June
 * 09:00 ({@code T0} is 3 June 10:00, an hour into the week).
 */
final class WeekOfEscalations {
    static final Instant POSTED_AT = Instant.parse("2024-06-10T09:00:00Z");
    static final DigestWeek WEEK =
            new DigestWeek(LocalDate.of(2024, 6, 10), Instant.parse("2024-06-03T09:00:00Z"), POSTED_AT);

    private WeekOfEscalations() {}

    static List<Escalation> escalations() {
        return List.of(
                // sev 1, acknowledged after 5m, resolved after 1h
                acknowledged(
                        anEscalation()
                                .id(1)
                                .severity(1)
                                .withStatus(Status.RESOLVED)
                                .openedAt(T0)
                                .since(at(0, 60)),
                        at(0, 5)),
                // sev 2, acknowledged after 20m
                anEscalation()
                        .id(2)
                        .severity(2)
                        .withStatus(Status.ACKNOWLEDGED)
                        .openedAt(at(1, 0))
                        .since(at(1, 20))
                        .build(),
                // sev 3, nobody acknowledged it yet
                anEscalation().id(3).severity(3).openedAt(at(1, 120)).build(),
                // sev 3, exhausted without an acknowledgement
                anEscalation()
                        .id(4)
                        .severity(3)
                        .withStatus(Status.EXHAUSTED)
                        .openedAt(at(3, 0))
                        .since(at(3, 30))
                        .build(),
                // sev 4, acknowledged after 10m, resolved after 2h
                acknowledged(
                        anEscalation()
                                .id(5)
                                .severity(4)
                                .withStatus(Status.RESOLVED)
                                .openedAt(at(3, 0))
                                .since(at(3, 120)),
                        at(3, 10)),
                // sev 3, withdrawn by its reporter after 30m, never acknowledged
                anEscalation()
                        .id(8)
                        .severity(3)
                        .withStatus(Status.RESOLVED)
                        .openedAt(at(5, 0))
                        .since(at(5, 30))
                        .build(),
                // the week before: not in this digest
                anEscalation().id(6).openedAt(T0.minus(Duration.ofDays(1))).build());
    }

    /** {@code days} and {@code minutes} after {@code T0}. */
    static Instant at(int days, int minutes) {
        return T0.plus(Duration.ofDays(days)).plus(Duration.ofMinutes(minutes));
    }

    private static Escalation acknowledged(dev.escalator.testing.EscalationBuilder builder, Instant at) {
        return builder.build().toBuilder().firstAcknowledgedAt(Optional.of(at)).build();
    }
}
