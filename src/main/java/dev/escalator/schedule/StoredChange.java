package dev.escalator.schedule;

import dev.escalator.core.Escalation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One write of an escalation that reached the store: the escalation as stored, how many timeline entries it had
 * before (the entries from {@code earlierEntries} on are the ones this write added) and, for a due step, how late the
 * write came against the step's due time. A person's action has no lateness.
 */
public record StoredChange(Escalation escalation, int earlierEntries, Optional<Duration> lateness) {
    public StoredChange {
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(lateness, "lateness");
    }

    /** A change a person's action made. */
    public static StoredChange byAction(Escalation escalation, int earlierEntries) {
        return new StoredChange(escalation, earlierEntries, Optional.empty());
    }

    /** A change a due step made, {@code lateness} after the step was due. */
    public static StoredChange byStep(Escalation escalation, int earlierEntries, Duration lateness) {
        return new StoredChange(escalation, earlierEntries, Optional.of(lateness));
    }

    /** True for a due step's change, false for a person's. */
    public boolean fromStep() {
        return lateness.isPresent();
    }
}
