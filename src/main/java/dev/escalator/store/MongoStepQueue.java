package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.schedule.DueStep;
import dev.escalator.schedule.StepQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The scheduler's view of the escalations collection: due steps as {@link WorkQueues} finds them, and step claims
 * ({@code stepOwner}, {@code stepUntil}) taken with one guarded {@code findOneAndUpdate}.
 */
public final class MongoStepQueue implements StepQueue {
    private final StoreCalls calls;
    private final MongoCollection<Document> escalations;
    private final WorkQueues workQueues;

    MongoStepQueue(MongoDatabase database, StoreCalls calls, WorkQueues workQueues) {
        this.calls = calls;
        this.escalations = database.getCollection(MongoEscalationStore.COLLECTION);
        this.workQueues = workQueues;
    }

    @Override
    public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
        return workQueues.dueBy(horizon, now, limit);
    }

    @Override
    public Optional<Escalation> claimStep(EscalationId id, String owner, Instant now, Duration lease) {
        Bson filter = and(
                eq("_id", id.number()),
                lte("nextStepAt", Date.from(now)),
                MongoEscalationStore.leaseFree("stepUntil", now));
        Bson claim =
                Updates.combine(Updates.set("stepOwner", owner), Updates.set("stepUntil", Date.from(now.plus(lease))));
        return workQueues
                .write(
                        id,
                        () -> calls.write(
                                "claim step of " + id,
                                () -> Optional.ofNullable(escalations.findOneAndUpdate(
                                        filter,
                                        claim,
                                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))))
                .map(EscalationDocuments::escalation);
    }

    @Override
    public void releaseStep(EscalationId id, String owner) {
        workQueues.write(
                id,
                () -> calls.write(
                        "release step of " + id,
                        () -> Optional.ofNullable(escalations.findOneAndUpdate(
                                and(eq("_id", id.number()), eq("stepOwner", owner)),
                                Updates.combine(Updates.unset("stepOwner"), Updates.unset("stepUntil")),
                                WorkQueues.returningFields()))));
    }
}
