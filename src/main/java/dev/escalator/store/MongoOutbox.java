package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.size;
import static dev.escalator.store.EscalationCollection.DELIVERY_OWNER;
import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.OUTBOX;
import static dev.escalator.store.EscalationCollection.OUTBOX_AT;
import static dev.escalator.store.EscalationCollection.VERSION;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.escalator.core.Actor;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.delivery.Outbox;
import dev.escalator.delivery.Parcel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The delivery view of the escalations collection: each document's {@code outbox} array holds its effects in order,
 * {@code outboxAt} says when they are ready (found through {@link WorkQueues}), and a delivery claim ({@code deliveryOwner}, {@code
 * deliveryUntil}) lets one replica at a time post them. Effects are appended by the same write that stores their
 * transition, so they cannot be lost between the two.
 */
public final class MongoOutbox implements Outbox {
    private static final int RECORD_ATTEMPTS = 5;
    /** The direct messages an escalation sent ({@link DirectMessageRef}), beside its outbox. */
    static final String DIRECT_MESSAGES = "directMessages";

    private final StoreCalls calls;
    private final EscalationCollection escalations;
    private final PostedMessages messages;
    private final WorkQueues workQueues;

    MongoOutbox(MongoDatabase database, StoreCalls calls, PostedMessages messages, WorkQueues workQueues) {
        this.calls = calls;
        this.escalations = new EscalationCollection(database, calls, workQueues);
        this.messages = messages;
        this.workQueues = workQueues;
    }

    @Override
    public List<EscalationId> waiting(Instant now, int limit) {
        return workQueues.waiting(now, limit);
    }

    @Override
    public Optional<Parcel> claim(EscalationId id, String owner, Instant now, Duration lease) {
        Bson filter = and(
                eq("_id", id.number()),
                lte(OUTBOX_AT, Date.from(now)),
                MongoEscalationStore.leaseFree(DELIVERY_UNTIL, now));
        Bson claim = Updates.combine(
                Updates.set(DELIVERY_OWNER, owner), Updates.set(DELIVERY_UNTIL, Date.from(now.plus(lease))));
        // the document before the claim tells whether a claim was left behind (released and postponed ones are unset)
        var tookOver = new boolean[1];
        Optional<Document> claimed = escalations.write(id, "claim outbox of " + id, collection -> {
            Document before = collection.findOneAndUpdate(
                    filter, claim, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
            if (before == null) {
                return Optional.empty();
            }
            tookOver[0] = before.get(DELIVERY_OWNER) != null;
            return Optional.of(before.append(DELIVERY_OWNER, owner).append(DELIVERY_UNTIL, Date.from(now.plus(lease))));
        });
        return claimed.map(doc -> new Parcel(
                EscalationDocuments.escalation(doc),
                Optional.ofNullable(doc.get("thread", Document.class)).map(EscalationDocuments::thread),
                doc.getList(OUTBOX, Document.class).stream()
                        .map(EscalationDocuments::pendingEffect)
                        .toList(),
                tookOver[0],
                doc.getList(DIRECT_MESSAGES, Document.class, List.of()).stream()
                        .map(EscalationDocuments::directMessage)
                        .toList()));
    }

    @Override
    public boolean delivered(
            EscalationId id,
            String owner,
            List<String> effectIds,
            Platform platform,
            Optional<ThreadRef> thread,
            Optional<String> messageId,
            Instant claimUntil) {
        var posted = new ArrayList<String>();
        thread.ifPresent(t -> posted.add(PostedMessages.key(t.channel().platform(), t.rootMessageId())));
        // a Discord thread has an id of its own: commands typed in it find their escalation by _id too
        thread.filter(t -> !t.threadId().equals(t.rootMessageId()))
                .ifPresent(t -> posted.add(PostedMessages.key(t.channel().platform(), t.threadId())));
        messageId.ifPresent(m -> posted.add(PostedMessages.key(platform, m)));
        // first: a crash after this write leaves at worst a mapping and a repeated post, never a posted message that
        // reactions cannot find; the mapping is right even if our claim was lost meanwhile, the message is ours
        messages.record(id, posted);
        var updates = new ArrayList<Bson>();
        updates.add(Updates.pull(OUTBOX, new Document("id", new Document("$in", effectIds))));
        updates.add(Updates.set(DELIVERY_UNTIL, Date.from(claimUntil)));
        thread.ifPresent(t -> updates.add(Updates.set("thread", EscalationDocuments.thread(t))));
        return escalations
                .update(
                        id,
                        "mark effect delivered for " + id,
                        and(eq("_id", id.number()), eq(DELIVERY_OWNER, owner)),
                        Updates.combine(updates))
                .isPresent();
    }

    @Override
    public void keepDirectMessage(EscalationId id, DirectMessageRef message) {
        // $addToSet: the same message kept again (found again after a crash) is kept once
        // a field that places the escalation in no work queue
        escalations.updateOutsideWorkQueues(
                id,
                "keep direct message of " + id,
                Updates.addToSet(DIRECT_MESSAGES, EscalationDocuments.directMessage(message)));
    }

    @Override
    public void postpone(
            EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until) {
        postpone(id, owner, effectId, attempts, uncertain, false, until);
    }

    @Override
    public void park(EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until) {
        postpone(id, owner, effectId, attempts, uncertain, true, until);
    }

    private void postpone(
            EscalationId id,
            String owner,
            String effectId,
            int attempts,
            boolean uncertain,
            boolean stuck,
            Instant until) {
        var updates = new ArrayList<Bson>(List.of(
                Updates.set("outbox.$.attempts", attempts),
                Updates.set("outbox.$.uncertain", uncertain),
                Updates.set(OUTBOX_AT, Date.from(until)),
                Updates.unset(DELIVERY_OWNER),
                Updates.unset(DELIVERY_UNTIL)));
        if (stuck) {
            updates.add(Updates.set("outbox.$.stuck", true));
        }
        escalations.update(
                id,
                "postpone effect for " + id,
                and(eq("_id", id.number()), eq(DELIVERY_OWNER, owner), eq("outbox.id", effectId)),
                Updates.combine(updates));
    }

    @Override
    public void discard(EscalationId id, String owner, String effectId) {
        escalations.update(
                id,
                "discard effect for " + id,
                and(eq("_id", id.number()), eq(DELIVERY_OWNER, owner)),
                Updates.pull(OUTBOX, new Document("id", effectId)));
    }

    @Override
    public boolean record(EscalationId id, Event event, Instant at) {
        for (int attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
            Document current = calls.read(
                    "read timeline of " + id,
                    () -> escalations
                            .find(eq("_id", id.number()))
                            .projection(Projections.include(VERSION, EscalationDocuments.TIMELINE))
                            .first());
            if (current == null) {
                return false;
            }
            long version = current.getLong(VERSION);
            int entries = current.getList(EscalationDocuments.TIMELINE, Document.class)
                    .size();
            Document entry = EscalationDocuments.entry(new TimelineEntry(entries + 1, at, Actor.BOT, event));
            // guarded like a transition's save, so entries keep their sequence and a concurrent save retries
            Optional<Document> written = escalations.update(
                    id,
                    "record " + event.getClass().getSimpleName() + " for " + id,
                    and(eq("_id", id.number()), eq(VERSION, version), size(EscalationDocuments.TIMELINE, entries)),
                    Updates.combine(
                            Updates.set(VERSION, version + 1), Updates.push(EscalationDocuments.TIMELINE, entry)));
            if (written.isPresent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean release(EscalationId id, String owner) {
        Bson unsetLease = Updates.combine(Updates.unset(DELIVERY_OWNER), Updates.unset(DELIVERY_UNTIL));
        var queuedMeanwhile = new boolean[1];
        escalations.write(id, "release outbox of " + id, collection -> {
            // empty: nothing is ready any more; not empty (queued meanwhile): keep it ready, just end the claim
            Document emptied = collection.findOneAndUpdate(
                    and(eq("_id", id.number()), eq(DELIVERY_OWNER, owner), size(OUTBOX, 0)),
                    Updates.combine(unsetLease, Updates.unset(OUTBOX_AT)),
                    WorkQueues.returningFields());
            if (emptied != null) {
                return Optional.of(emptied);
            }
            Document kept = collection.findOneAndUpdate(
                    and(eq("_id", id.number()), eq(DELIVERY_OWNER, owner)), unsetLease, WorkQueues.returningFields());
            queuedMeanwhile[0] = kept != null && kept.get(OUTBOX_AT) != null;
            return Optional.ofNullable(kept);
        });
        return queuedMeanwhile[0];
    }
}
