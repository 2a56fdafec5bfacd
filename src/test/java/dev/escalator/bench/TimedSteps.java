package dev.escalator.bench;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.schedule.DueStep;
import dev.escalator.schedule.StepQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store's step queue, timing each dueBy and claimStep call (in nanoseconds). */
final class TimedSteps implements StepQueue {
    final Samples dueBy = new Samples();
    final Samples claims = new Samples();
    private final StepQueue queue;

    TimedSteps(StepQueue queue) {
        this.queue = queue;
    }

    @Override
    public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
        long started = System.nanoTime();
        try {
            return queue.dueBy(horizon, now, limit);
        } finally {
            dueBy.add(System.nanoTime() - started);
        }
    }

    @Override
    public Optional<Escalation> claimStep(EscalationId id, String owner, Instant now, Duration lease) {
        long started = System.nanoTime();
        try {
            return queue.claimStep(id, owner, now, lease);
        } finally {
            claims.add(System.nanoTime() - started);
        }
    }

    @Override
    public void releaseStep(EscalationId id, String owner) {
        queue.releaseStep(id, owner);
    }
}
