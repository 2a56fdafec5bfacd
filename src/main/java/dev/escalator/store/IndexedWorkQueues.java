package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.lte;
import static dev.escalator.store.EscalationCollection.DELIVERY_OWNER;
import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.NEXT_STEP_AT;
import static dev.escalator.store.EscalationCollection.OUTBOX_AT;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.escalator.core.EscalationId;
import dev.escalator.schedule.DueStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * WorkQueues on a real MongoDB: each poll is a query served by an index on {@code nextStepAt} or {@code outboxAt}, so
 * it sees the writes of every replica. Writes need no bookkeeping here.
 */
final class IndexedWorkQueues implements WorkQueues {
    private final StoreCalls calls;
    private final EscalationCollection escalations;

    private IndexedWorkQueues(MongoDatabase database, StoreCalls calls) {
        this.calls = calls;
        this.escalations = new EscalationCollection(database, calls, this);
    }

    /**
     * Creates the indexes behind the two queries (idempotent) and returns the queries; and those behind {@link
     * EndClaimsOfSilentReplicas}' look-up of a silent replica's claims.
     */
    static IndexedWorkQueues withIndexes(MongoDatabase database, StoreCalls calls) {
        var queries = new IndexedWorkQueues(database, calls);
        calls.write("create due_steps, outbox_ready and claim owner indexes", () -> {
            queries.escalations.createIndex(Indexes.ascending(NEXT_STEP_AT), new IndexOptions().name("due_steps"));
            queries.escalations.createIndex(Indexes.ascending(OUTBOX_AT), new IndexOptions().name("outbox_ready"));
            queries.escalations.createIndex(
                    Indexes.ascending(STEP_OWNER),
                    new IndexOptions().name("step_owner").sparse(true));
            queries.escalations.createIndex(
                    Indexes.ascending(DELIVERY_OWNER),
                    new IndexOptions().name("delivery_owner").sparse(true));
            return null;
        });
        return queries;
    }

    @Override
    public long unresolved() {
        return calls.read(
                "count unresolved escalations",
                () -> escalations.count(
                        com.mongodb.client.model.Filters.ne("status", dev.escalator.core.Status.RESOLVED.word())));
    }

    @Override
    public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
        return earliest(
                "find due steps",
                NEXT_STEP_AT,
                horizon,
                STEP_UNTIL,
                now,
                limit,
                doc -> new DueStep(
                        new EscalationId(doc.getLong("_id")),
                        doc.getDate(NEXT_STEP_AT).toInstant()));
    }

    @Override
    public List<EscalationId> waiting(Instant now, int limit) {
        return earliest(
                "find waiting effects",
                OUTBOX_AT,
                now,
                DELIVERY_UNTIL,
                now,
                limit,
                doc -> new EscalationId(doc.getLong("_id")));
    }

    /** Escalations whose {@code readyField} is at or before {@code by} and whose claim has ended, earliest first. */
    private <T> List<T> earliest(
            String what,
            String readyField,
            Instant by,
            String claimedUntilField,
            Instant now,
            int limit,
            Function<Document, T> found) {
        Bson filter = and(lte(readyField, Date.from(by)), MongoEscalationStore.leaseFree(claimedUntilField, now));
        return calls.read(
                what,
                () -> escalations
                        .find(filter)
                        .projection(Projections.include(readyField))
                        .sort(Sorts.ascending(readyField))
                        .limit(limit)
                        .map(found::apply)
                        .into(new ArrayList<>()));
    }

    /** Nothing: another replica may change any escalation at any time. */
    @Override
    public DecodedEscalations decoded() {
        return DecodedEscalations.NONE;
    }

    @Override
    public Optional<Document> write(EscalationId id, Supplier<Optional<Document>> write) {
        return write.get();
    }
}
