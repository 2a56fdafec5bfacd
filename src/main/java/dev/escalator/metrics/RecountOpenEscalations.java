package dev.escalator.metrics;

import dev.escalator.jobs.Job;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Sets the open-escalations gauge to the store's count, once per poll: on a real MongoDB, where other replicas'
 * changes never reach this process's gauge, so every replica reports the same number again within a minute. Not run
 * in a loop on the embedded store, whose one process sees every change; there it runs once, when the work queues the
 * count comes from are loaded after the start.
 */
public final class RecountOpenEscalations implements Job {
    private final LongSupplier unresolved;
    private final EscalationMetrics metrics;

    public RecountOpenEscalations(LongSupplier unresolved, EscalationMetrics metrics) {
        this.unresolved = unresolved;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "recount-open-escalations";
    }

    @Override
    public Optional<Instant> runOnce() {
        metrics.recounted(unresolved.getAsLong());
        return Optional.empty();
    }
}
