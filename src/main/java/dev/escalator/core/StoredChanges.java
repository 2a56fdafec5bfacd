package dev.escalator.core;

/**
 * Told of every change to an escalation after it was written to the store, by whoever wrote it in this process (a
 * user's action through the desk, a timer through the scheduler). A write that lost a race is never reported, so a
 * listener sees each stored timeline entry once per process that wrote it: entries from {@code earlierEntries} on
 * are the ones this write added. Called on the writer's thread: a listener must be quick and must not throw.
 */
@FunctionalInterface
public interface StoredChanges {

    void stored(Escalation stored, int earlierEntries);

    static StoredChanges none() {
        return (stored, earlierEntries) -> {};
    }

    default StoredChanges andThen(StoredChanges next) {
        return (stored, earlierEntries) -> {
            stored(stored, earlierEntries);
            next.stored(stored, earlierEntries);
        };
    }
}
