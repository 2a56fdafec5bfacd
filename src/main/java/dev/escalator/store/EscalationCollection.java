package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The escalations collection ({@value MongoEscalationStore#COLLECTION}), and the one way to change it: every write to
 * an escalation runs through {@link #write} (or {@link #update}, a guarded {@code findOneAndUpdate}), inside {@link
 * StoreCalls#write} and {@link WorkQueues#write}, so the embedded store's {@link LocalWorkQueues} sees every change of
 * the work-queue fields ({@link #NEXT_STEP_AT}, {@link #STEP_UNTIL}, {@link #OUTBOX_AT}, {@link #DELIVERY_UNTIL}) as
 * the store made it, and {@link WorkQueues#decoded} hears of every write, so that no escalation decoded before it is
 * used after it. Reads get a {@link FindIterable}, which cannot write. Only this class opens the collection; {@code
 * OneWayToWriteEscalationsTest} fails on another that does.
 */
final class EscalationCollection {
    /** When the escalation's next step is due: its next level, a snooze's end, a reminder. */
    static final String NEXT_STEP_AT = "nextStepAt";
    /** The replica holding the step claim, and when its claim ends. */
    static final String STEP_OWNER = "stepOwner";

    static final String STEP_UNTIL = "stepUntil";
    /** The effects waiting to be delivered, in order, and when they are ready. */
    static final String OUTBOX = "outbox";

    static final String OUTBOX_AT = "outboxAt";
    /** The replica holding the delivery claim, and when its claim ends. */
    static final String DELIVERY_OWNER = "deliveryOwner";

    static final String DELIVERY_UNTIL = "deliveryUntil";
    /** Counts the escalation's transitions: the guard of every save. */
    static final String VERSION = "version";

    private final MongoCollection<Document> escalations;
    private final StoreCalls calls;
    private final WorkQueues workQueues;

    EscalationCollection(MongoDatabase database, StoreCalls calls, WorkQueues workQueues) {
        this.escalations = database.getCollection(MongoEscalationStore.COLLECTION);
        this.calls = calls;
        this.workQueues = workQueues;
    }

    /**
     * A guarded update of the escalation {@code id}: its work-queue fields as the update left them, or empty when
     * {@code guard} matched nothing (someone else won, or the guard's condition no longer holds).
     */
    Optional<Document> update(EscalationId id, String what, Bson guard, Bson update) {
        return update(id, what, guard, update, WorkQueues.returningFields());
    }

    /** The same, returning what {@code options} ask for: at least the work-queue fields, as the update left them. */
    Optional<Document> update(EscalationId id, String what, Bson guard, Bson update, FindOneAndUpdateOptions options) {
        return write(id, what, collection -> Optional.ofNullable(collection.findOneAndUpdate(guard, update, options)));
    }

    /**
     * A write to the escalation {@code id} in one or more calls (an insert, a claim that reads the document it
     * changed, a release tried two ways): {@code write} returns the document as it left it (at least the work-queue
     * fields and {@code _id}), or empty when its guard matched nothing.
     */
    Optional<Document> write(
            EscalationId id, String what, Function<MongoCollection<Document>, Optional<Document>> write) {
        return workQueues
                .decoded()
                .writing(id, () -> workQueues.write(id, () -> calls.write(what, () -> write.apply(escalations))));
    }

    /**
     * An update of fields that place the escalation {@code id} in no work queue (its root message's link, its direct
     * messages): no bookkeeping of the work queues.
     */
    void updateOutsideWorkQueues(EscalationId id, String what, Bson update) {
        workQueues
                .decoded()
                .writing(id, () -> calls.write(what, () -> escalations.updateOne(eq("_id", id.number()), update)));
    }

    /**
     * The escalation {@code id} as stored, decoded: kept from an earlier read when nothing has written to it since
     * ({@link DecodedEscalations}), else read with only the fields an escalation is made of.
     */
    Optional<Escalation> escalation(EscalationId id) {
        return workQueues
                .decoded()
                .find(
                        id,
                        () -> calls.read(
                                "find " + id,
                                () -> Optional.ofNullable(escalations
                                                .find(eq("_id", id.number()))
                                                .projection(EscalationDocuments.ESCALATION)
                                                .first())
                                        .map(EscalationDocuments::escalation)));
    }

    /**
     * Ends every claim of {@code replica} named in {@code ownerField} and still running at {@code now}: its end set
     * to the epoch, its owner kept; returns the escalations found holding one ({@code _id}, {@link #NEXT_STEP_AT},
     * {@link #OUTBOX_AT}), whose claims were ended unless they ended meanwhile. Many escalations in one write, so only where the work queues are the store's own
     * indexes: with several replicas on a real MongoDB ({@link IndexedWorkQueues}); the embedded store ends its claims
     * at start, escalation by escalation.
     */
    static List<Document> endClaims(
            MongoDatabase database,
            StoreCalls calls,
            String replica,
            String ownerField,
            String untilField,
            Instant now) {
        MongoCollection<Document> escalations = database.getCollection(MongoEscalationStore.COLLECTION);
        Bson held = and(eq(ownerField, replica), gt(untilField, Date.from(now)));
        // which ones first (on the owner's index), so that the replica ending them can take their work over at once
        List<Document> found = calls.read(
                "find " + untilField + " claims of " + replica,
                () -> escalations
                        .find(held)
                        .projection(Projections.include(NEXT_STEP_AT, OUTBOX_AT))
                        .into(new ArrayList<>()));
        if (found.isEmpty()) {
            return List.of();
        }
        List<Object> ids = found.stream().map(doc -> doc.get("_id")).toList();
        calls.write(
                "end " + untilField + " claims of " + replica,
                () -> escalations.updateMany(
                        and(in("_id", ids), held), Updates.set(untilField, Date.from(Instant.EPOCH))));
        return found;
    }

    /** For a read: the documents {@code filter} matches. */
    FindIterable<Document> find(Bson filter) {
        return escalations.find(filter);
    }

    long count(Bson filter) {
        return escalations.countDocuments(filter);
    }

    void createIndex(Bson keys, IndexOptions options) {
        escalations.createIndex(keys, options);
    }
}
