package dev.escalator.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Escalations as a read decoded them, kept until a write to them begins: a person's {@code status}, and each reaction
 * or button on an escalation nobody changed since, is then answered without a round trip to the store or decoding
 * its document (the ack path's largest cost, issue #17).
 *
 * <p>Exact, not merely fresh enough, and only where that can be proven: on the embedded store, whose one writer is
 * this process (the file lock refuses a second), and every write to an escalation runs through {@link
 * EscalationCollection}, which tells this class before and after it ({@link #writing}). On a real MongoDB another
 * replica may change any escalation at any time, so there {@link #NONE} keeps nothing and every read goes to the store.
 *
 * <p>How a read cannot keep what a write has changed: each escalation's stripe counts the writes that began on it and
 * those that ended. A read that finds no write under way notes the count, reads, and keeps what it decoded tagged with
 * that count; a kept escalation is used only while no write is under way on its stripe and none began since its tag.
 * So a write that began after the read began makes what the read kept unusable, and while a write is under way (its
 * change may be in the store, its commit still running) every read goes to the store, as it did before this class:
 * a guarded write that lost to it reads the winner's version at once and does not retry on a stale copy. A write that
 * failed may still land later (a time-out), so an escalation written by one is never kept again in this process.
 */
final class DecodedEscalations {
    /** Keeps nothing: every read goes to the store. For a store with other writers (a real MongoDB). */
    static final DecodedEscalations NONE = new DecodedEscalations(0);

    /**
     * How much is kept, counted in timeline entries (an escalation weighs one more than its timeline has): hundreds of
     * escalations of usual length, enough for those people look at in a busy hour, and a bounded share of the heap
     * however long their timelines grow (the image's heap is 256 MB).
     */
    static final int KEPT_ENTRIES = 5_000;

    private static final int STRIPES = 1_024;

    private final boolean keeping;
    private final Cache<Long, Decoded> kept;
    private final AtomicLongArray begun = new AtomicLongArray(STRIPES);
    private final AtomicLongArray ended = new AtomicLongArray(STRIPES);
    private final Set<Long> inDoubt = ConcurrentHashMap.newKeySet();

    private record Decoded(long writes, Escalation escalation) {}

    private DecodedEscalations(int entries) {
        this.keeping = entries > 0;
        this.kept = Caffeine.newBuilder()
                // evicting on the calling thread: no pool's task for a few map operations, and bounded at once
                .executor(Runnable::run)
                .maximumWeight(Math.max(1, entries))
                .weigher((Long id, Decoded decoded) ->
                        1 + decoded.escalation().timeline().size())
                .build();
    }

    /** For the embedded store, whose only writer is this process. */
    static DecodedEscalations keptByTheOnlyWriter() {
        return new DecodedEscalations(KEPT_ENTRIES);
    }

    /** The escalation {@code id}: as kept, if nothing wrote to it since it was read; else {@code read}, kept. */
    Optional<Escalation> find(EscalationId id, Supplier<Optional<Escalation>> read) {
        if (!keeping) {
            return read.get();
        }
        long key = id.number();
        int stripe = stripe(key);
        // ended first: if begun then equals it, no write was under way at that moment (ended never passes begun)
        long writes = ended.get(stripe);
        if (begun.get(stripe) != writes) {
            return read.get();
        }
        Decoded known = kept.getIfPresent(key);
        if (known != null && known.writes() == writes) {
            return Optional.of(known.escalation());
        }
        Optional<Escalation> found = read.get();
        if (found.isPresent() && !inDoubt.contains(key)) {
            // tagged with the count before the read: once a write begins after it, this is never used
            kept.put(key, new Decoded(writes, found.get()));
        }
        return found;
    }

    /** Runs {@code write}, a write to the escalation {@code id}, so that nothing read before it ends is used after. */
    <T> T writing(EscalationId id, Supplier<T> write) {
        if (!keeping) {
            return write.get();
        }
        long key = id.number();
        int stripe = stripe(key);
        begun.incrementAndGet(stripe);
        boolean returned = false;
        try {
            T result = write.get();
            returned = true;
            return result;
        } finally {
            if (!returned) {
                inDoubt.add(key);
            }
            ended.incrementAndGet(stripe);
            kept.invalidate(key);
        }
    }

    private static int stripe(long id) {
        return (int) Math.floorMod(id, (long) STRIPES);
    }
}
