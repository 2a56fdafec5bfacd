package dev.escalator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * People's actions recorded before they are carried out (SPEC §8: what a person was told was received survives a
 * kill -9). An entry is keyed by its platform event key, so a platform's retry of the same event finds it and records
 * nothing new; it is claimed with a lease like steps and deliveries, so replicas do not carry one out together and a
 * dead holder's entry is taken over; it is marked done once its effect is stored, and the key is then remembered for
 * a while so a late retry does nothing.
 *
 * <p>The inbox only says what was asked and who holds it; exactly once comes from the escalation's own write, which
 * stores the effect and the key as handled together ({@link EscalationStore#save(Escalation, List, Optional)}).
 * Contention is a value; an unreachable store is a {@link StoreUnavailableException}.
 */
public interface Inbox {

    /** What recording an action found. */
    enum Recorded {
        /** New: recorded now, and held by the caller until {@code until}. */
        NEW,
        /** Recorded earlier and not yet done (carried out now elsewhere, or waiting to be taken over). */
        PENDING,
        /** Recorded earlier and done: nothing is left to do. */
        DONE
    }

    /** Records {@code entry} with one write, held by {@code owner} until {@code until}, unless its key is known. */
    Recorded record(InboxEntry entry, String owner, Instant until);

    /**
     * Takes the entry {@code key} for {@code owner} until {@code until} if no one else holds it at {@code now}; empty
     * when another holds it or it is done.
     */
    Optional<InboxEntry> claim(String key, String owner, Instant now, Instant until);

    /** Lets go of an entry not carried out (its effect failed), so a retry or the job can take it at once. */
    void release(String key, String owner);

    /** Keys of entries nobody holds at {@code now}, oldest first: those a process died holding, or let go of. */
    List<String> unclaimed(Instant now, int limit);

    /**
     * The escalation id for the action {@code key} opens: the one stored with the entry, or one from {@code allocate}
     * stored with it first, so carrying the action out again opens the same escalation, never a second one.
     */
    EscalationId escalationFor(String key, Supplier<EscalationId> allocate);

    /** The entry's effect is stored: the entry goes, and its key is remembered for {@code remember}. */
    void done(String key, Duration remember);
}
