package dev.escalator.store;

import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.NEXT_STEP_AT;
import static dev.escalator.store.EscalationCollection.OUTBOX_AT;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import dev.escalator.core.EscalationId;
import dev.escalator.schedule.DueStep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which escalations have a step due ({@code nextStepAt}, hidden while {@code stepUntil} holds a claim) and which have
 * effects waiting ({@code outboxAt}, hidden while {@code deliveryUntil} does): the two questions the scheduler and
 * delivery ask on every poll. {@link Stores} picks one way of answering them per kind of store: {@link
 * IndexedWorkQueues} asks a real MongoDB through its indexes; {@link LocalWorkQueues} answers from memory on the
 * embedded store, whose mongo-java-server has no secondary indexes.
 *
 * <p>Every write that can change those four fields runs through {@link #write}, so that the in-memory answer follows
 * the store: {@link EscalationCollection}, the one way to write an escalation, sees to it.
 */
interface WorkQueues {
    /** The fields that place an escalation in the work queues; a write returns at least these, and {@code _id}. */
    Bson FIELDS = Projections.include(NEXT_STEP_AT, STEP_UNTIL, OUTBOX_AT, DELIVERY_UNTIL);

    /** Unclaimed steps due at or before {@code horizon}, earliest first (claims still valid at {@code now} skip). */
    List<DueStep> dueBy(Instant horizon, Instant now, int limit);

    /** Escalations with effects ready at {@code now} and no live delivery claim, earliest first. */
    List<EscalationId> waiting(Instant now, int limit);

    /**
     * Runs {@code write}, a store write to the escalation {@code id} that returns its document as the write left it
     * (at least {@link #FIELDS}), or empty when the write's guard matched nothing; returns what {@code write} returned.
     */
    Optional<Document> write(EscalationId id, Supplier<Optional<Document>> write);

    /** How many escalations are not resolved: for the metrics' gauge, at start-up and in its recount. */
    long unresolved();

    /**
     * Escalations decoded by earlier reads, for reads to use while nothing has written to them since: kept only where
     * this process is the store's one writer ({@link DecodedEscalations}), else {@link DecodedEscalations#NONE}.
     */
    DecodedEscalations decoded();

    /** For a guarded {@code findOneAndUpdate}: return the work-queue fields as the update left them. */
    static FindOneAndUpdateOptions returningFields() {
        return new FindOneAndUpdateOptions().projection(FIELDS).returnDocument(ReturnDocument.AFTER);
    }
}
