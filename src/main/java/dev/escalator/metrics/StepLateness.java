package dev.escalator.metrics;

import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.StoredChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * How late each stored step was against its due time: SPEC §8 asks for under 1 s at p99. A person's change has no
 * lateness and is not counted.
 */
public final class StepLateness implements AfterWrite {
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30)
    };

    private final Timer lateness;

    public StepLateness(MeterRegistry registry) {
        lateness = Timer.builder("escalator.step.lateness")
                .description("From a step's due time to its stored change")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public void stored(StoredChange change) {
        change.lateness().ifPresent(this::record);
    }

    public void record(Duration late) {
        // a step fired a little early (clock skew between replicas, the lookahead) is on time
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }
}
