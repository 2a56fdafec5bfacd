package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
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
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Readiness on a real MongoDB: each poll is a query served by an index on {@code nextStepAt} or {@code outboxAt}, so
 * it sees the writes of every replica. Writes need no bookkeeping here.
 */
final class ReadinessQueries implements Readiness {
    private final StoreCalls calls;
    private final MongoCollection<Document> escalations;

    private ReadinessQueries(MongoDatabase database, StoreCalls calls) {
        this.calls = calls;
        this.escalations = database.getCollection(MongoEscalationStore.COLLECTION);
    }

    /** Creates the indexes behind the two queries (idempotent) and returns the queries. */
    static ReadinessQueries withIndexes(MongoDatabase database, StoreCalls calls) {
        var queries = new ReadinessQueries(database, calls);
        calls.write("create due_steps and outbox_ready indexes", () -> {
            queries.escalations.createIndex(Indexes.ascending("nextStepAt"), new IndexOptions().name("due_steps"));
            queries.escalations.createIndex(Indexes.ascending("outboxAt"), new IndexOptions().name("outbox_ready"));
            return null;
        });
        return queries;
    }

    @Override
    public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
        Bson filter = and(lte("nextStepAt", Date.from(horizon)), MongoEscalationStore.leaseFree("stepUntil", now));
        return calls.read(
                "find due steps",
                () -> escalations
                        .find(filter)
                        .projection(Projections.include("nextStepAt"))
                        .sort(Sorts.ascending("nextStepAt"))
                        .limit(limit)
                        .map(doc -> new DueStep(
                                new EscalationId(doc.getLong("_id")),
                                doc.getDate("nextStepAt").toInstant()))
                        .into(new ArrayList<>()));
    }

    @Override
    public List<EscalationId> waiting(Instant now, int limit) {
        Bson filter = and(lte("outboxAt", Date.from(now)), MongoEscalationStore.leaseFree("deliveryUntil", now));
        return calls.read(
                "find waiting effects",
                () -> escalations
                        .find(filter)
                        .projection(Projections.include("_id"))
                        .sort(Sorts.ascending("outboxAt"))
                        .limit(limit)
                        .map(doc -> new EscalationId(doc.getLong("_id")))
                        .into(new ArrayList<>()));
    }

    @Override
    public Optional<Document> write(EscalationId id, Supplier<Optional<Document>> write) {
        return write.get();
    }
}
