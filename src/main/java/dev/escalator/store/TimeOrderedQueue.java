package dev.escalator.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Escalations in the order they become ready, each with the end of the claim that hides it: one of the two queues of
 * the {@link LocalWorkQueues} (by {@code nextStepAt} and {@code stepUntil}, or by {@code outboxAt} and {@code
 * deliveryUntil}). Times are epoch milliseconds, the precision BSON dates keep. Callers serialize the writes for one
 * escalation; reads take no lock and see each escalation either before or after a write.
 */
final class TimeOrderedQueue {
    /** No time: not ready at all, or no claim. */
    static final long NONE = Long.MIN_VALUE;

    /** Escalation {@code id} is ready at {@code at}. */
    record Slot(long at, long id) {}

    private record Entry(long at, long claimedUntil) {}

    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Slot> order =
            new ConcurrentSkipListSet<>(Comparator.comparingLong(Slot::at).thenComparingLong(Slot::id));

    /** Records that {@code id} is ready at {@code at} ({@link #NONE}: not ready) and claimed until {@code claimedUntil}. */
    void put(long id, long at, long claimedUntil) {
        // new slot, then entry, then old slot out: a reader sees the old state or the new one, never neither
        if (at != NONE) {
            order.add(new Slot(at, id));
        }
        Entry old = at == NONE ? entries.remove(id) : entries.put(id, new Entry(at, claimedUntil));
        if (old != null && old.at() != at) {
            order.remove(new Slot(old.at(), id));
        }
    }

    /** Up to {@code limit} escalations ready at or before {@code horizon} and not claimed at {@code now}, earliest first. */
    List<Slot> readyBy(long horizon, long now, int limit) {
        var ready = new ArrayList<Slot>();
        for (Slot slot : order.headSet(new Slot(horizon, Long.MAX_VALUE), true)) {
            if (ready.size() == limit) {
                break;
            }
            Entry entry = entries.get(slot.id());
            // no entry, or another time: a slot that a put is moving right now
            if (entry != null
                    && entry.at() == slot.at()
                    && (entry.claimedUntil() == NONE || entry.claimedUntil() <= now)) {
                ready.add(slot);
            }
        }
        return ready;
    }

    /** The escalations with a claim recorded that ends after the epoch (a claim ended at start ends at the epoch). */
    List<Long> claimed() {
        return entries.entrySet().stream()
                .filter(entry -> entry.getValue().claimedUntil() > 0)
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    /** The ready time and claim end recorded for {@code id}, if it is in this queue. */
    java.util.Optional<long[]> entry(long id) {
        return java.util.Optional.ofNullable(entries.get(id)).map(e -> new long[] {e.at(), e.claimedUntil()});
    }

    /** Every escalation in this queue. */
    java.util.Set<Long> ids() {
        return java.util.Set.copyOf(entries.keySet());
    }

    int size() {
        return entries.size();
    }
}
