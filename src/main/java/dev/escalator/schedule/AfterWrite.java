package dev.escalator.schedule;

/**
 * Told of every change to an escalation after it was written to the store, by whoever wrote it in this process: a
 * person's action through the {@link EscalationDesk}, a due step through {@link FireDueSteps}. The one place where
 * metrics, step lateness and the wake-ups of delivery and of the step loop hang. A write that lost a race is never
 * reported, so a listener sees each stored timeline entry once per process that wrote it. Called on the writer's
 * thread: a listener must be quick and must not throw.
 */
@FunctionalInterface
public interface AfterWrite {

    void stored(StoredChange change);

    static AfterWrite none() {
        return change -> {};
    }

    default AfterWrite andThen(AfterWrite next) {
        return change -> {
            stored(change);
            next.stored(change);
        };
    }
}
