package dev.escalator.schedule;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store as the scheduler sees it: which steps come due, and a claim so that replicas split the work. The claim
 * only saves wasted work; exactly-once comes from the version guard of {@code EscalationStore.save}, which also
 * clears the claim. A claim abandoned by a crashed replica lapses when its lease runs out.
 */
public interface StepQueue {

    /** Unclaimed steps due at or before {@code horizon}, earliest first (claims still valid at {@code now} skip). */
    List<DueStep> dueBy(Instant horizon, Instant now, int limit);

    /** Claims the step of {@code id} for {@code owner} if it is due at {@code now} and unclaimed; empty if not. */
    Optional<Escalation> claimStep(EscalationId id, String owner, Instant now, Duration lease);

    /** Gives a claim back without a transition (e.g. the transition found nothing to do). */
    void releaseStep(EscalationId id, String owner);
}
