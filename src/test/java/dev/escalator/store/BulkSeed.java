package dev.escalator.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.escalator.core.Escalation;
import dev.escalator.core.ThreadRef;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Writes escalations straight into the store, many per write, for the scheduler benchmark's 100,000: the documents the
 * store's own mapping makes, as if each one's opening posts had been delivered (an empty outbox, a thread), and on the
 * embedded store their work-queue entries, as the bot's writes keep them, and the mark that the entries are complete:
 * the bot started on a seeded store then takes the path of every start after the first, not the one-time migration of
 * a store written before the entries were kept.
 */
public final class BulkSeed {
    private BulkSeed() {}

    public static void insert(StoreConnection connection, List<Escalation> escalations) {
        var docs = escalations.stream()
                .map(e -> EscalationDocuments.fields(e)
                        .append("_id", e.id().number())
                        .append("outbox", List.of())
                        .append(
                                "thread",
                                EscalationDocuments.thread(
                                        new ThreadRef(e.home(), "root-" + e.id(), "root-" + e.id()))))
                .toList();
        connection
                .calls()
                .write(
                        "seed " + docs.size() + " escalations",
                        () -> connection
                                .database()
                                .getCollection(MongoEscalationStore.COLLECTION)
                                .insertMany(docs));
        if (connection.isEmbedded()) {
            // the embedded store's work queues are kept beside the escalations, by every write the bot makes
            // in their buckets, as LocalWorkQueues keeps them: one $set of many entries per bucket
            var buckets = docs.stream()
                    .filter(doc -> doc.get("nextStepAt") != null)
                    .collect(Collectors.groupingBy(
                            doc -> LocalWorkQueues.bucket(doc.getLong("_id")),
                            TreeMap::new,
                            Collectors.mapping(
                                    doc -> Updates.set(
                                            LocalWorkQueues.field(doc.getLong("_id")),
                                            LocalWorkQueues.encode(
                                                    doc.getDate("nextStepAt").getTime(),
                                                    TimeOrderedQueue.NONE,
                                                    TimeOrderedQueue.NONE,
                                                    TimeOrderedQueue.NONE)),
                                    Collectors.toList())));
            var writes = buckets.entrySet().stream()
                    .map(bucket -> new UpdateOneModel<Document>(
                            Filters.eq("_id", bucket.getKey()),
                            Updates.combine(bucket.getValue()),
                            new UpdateOptions().upsert(true)))
                    .toList();
            if (!writes.isEmpty()) {
                connection
                        .calls()
                        .write(
                                "seed the work-queue entries of " + writes.size() + " buckets",
                                () -> connection
                                        .database()
                                        .getCollection(LocalWorkQueues.COLLECTION)
                                        .bulkWrite(writes));
            }
            connection
                    .calls()
                    .write(
                            "mark the work queues kept",
                            () -> connection
                                    .database()
                                    .getCollection(MongoEscalationStore.COUNTERS)
                                    .replaceOne(
                                            LocalWorkQueues.KEPT,
                                            new Document("_id", LocalWorkQueues.COLLECTION),
                                            new ReplaceOptions().upsert(true)));
        }
    }

    /** Continues the ESC-n sequence after {@code last}. */
    public static void countFrom(StoreConnection connection, long last) {
        connection
                .calls()
                .write(
                        "set the id counter",
                        () -> connection
                                .database()
                                .getCollection(MongoEscalationStore.COUNTERS)
                                .replaceOne(
                                        MongoEscalationStore.SEQUENCE,
                                        new Document("_id", "escalations").append("n", last),
                                        new ReplaceOptions().upsert(true)));
    }
}
