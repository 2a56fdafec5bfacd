package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a replica killed in the middle of its work leaves in the store, for the take-over tests to start from: its last
 * heartbeat, and an hour-long claim (so that a test waiting for the claims to lapse would show) on one escalation's
 * due step and on another's outbox, both taken right after that heartbeat.
 */
final class KilledReplica {
    static final String NAME = "dead";
    static final Duration CLAIMS = Duration.ofHours(1);

    private KilledReplica() {}

    /** Replica {@value #NAME} writes its heartbeat, claims {@code stepClaimed}'s step and {@code postsClaimed}'s outbox. */
    static void leavesClaimsOn(
            StoreConnection connection, Stores stores, Clock clock, Escalation stepClaimed, Escalation postsClaimed) {
        var heartbeat = new WriteHeartbeat(connection, clock, NAME, () -> {});
        heartbeat.runOnce();
        Instant now = clock.instant();
        assertThat(stores.steps().claimStep(stepClaimed.id(), NAME, now, CLAIMS))
                .as("its step is due")
                .isPresent();
        assertThat(stores.outbox().claim(postsClaimed.id(), heartbeat.owner(), now, CLAIMS))
                .isPresent();
    }
}
