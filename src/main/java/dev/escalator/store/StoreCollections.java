package dev.escalator.store;

import java.util.List;

/**
 * Every collection the bot keeps in its database, in two lists: what a backup must hold for a restored bot to carry on
 * (open escalations, their timers, reactions on their messages, actions in flight), and what a restored bot rebuilds
 * by itself. The operations guide names the same collections; a test restores a store from {@link #BACKED_UP} alone
 * and acts on it, and fails when the bot writes a collection neither list names.
 */
public final class StoreCollections {
    /**
     * What a backup must hold: {@code escalations} (each with its timeline, outbox and claims), {@code counters} (the
     * {@code ESC-n} sequence), {@code messages} (which posted message belongs to which escalation, so that reactions
     * on a thread's messages and thread replies find it), {@code inbox} (people's actions recorded and not yet carried
     * out), {@code inbound} (dedupe keys of handled platform events and claims of posted digests), {@code alert_keys}
     * and {@code alert_storms} (which alert group opened which escalation, and storms being counted).
     */
    public static final List<String> BACKED_UP = List.of(
            MongoEscalationStore.COLLECTION,
            MongoEscalationStore.COUNTERS,
            "messages",
            MongoInbox.COLLECTION,
            "inbound",
            "alert_keys",
            "alert_storms");

    /** What a restored bot rewrites at once: {@code heartbeats}, one document per running replica. */
    public static final List<String> REBUILT = List.of("heartbeats");

    private StoreCollections() {}
}
