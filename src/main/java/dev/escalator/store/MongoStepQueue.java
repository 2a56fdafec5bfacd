package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static dev.escalator.store.EscalationCollection.NEXT_STEP_AT;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

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
import org.bson.conversions.Bson;

/**
 * The scheduler's view of the escalations collection: due steps as {@link WorkQueues} finds them, and step claims
 * ({@code stepOwner}, {@code stepUntil}) taken with one guarded {@code findOneAndUpdate}.
 */
public final class MongoStepQueue implements StepQueue {
    private final EscalationCollection escalations;
    private final WorkQueues workQueues;

    MongoStepQueue(MongoDatabase database, StoreCalls calls, WorkQueues workQueues) {
        this.escalations = new EscalationCollection(database, calls, workQueues);
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
                lte(NEXT_STEP_AT, Date.from(now)),
                MongoEscalationStore.leaseFree(STEP_UNTIL, now));
        Bson claim =
                Updates.combine(Updates.set(STEP_OWNER, owner), Updates.set(STEP_UNTIL, Date.from(now.plus(lease))));
        return escalations
                .update(
                        id,
                        "claim step of " + id,
                        filter,
                        claim,
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(EscalationDocuments::escalation);
    }

    @Override
    public void releaseStep(EscalationId id, String owner) {
        escalations.update(
                id,
                "release step of " + id,
                and(eq("_id", id.number()), eq(STEP_OWNER, owner)),
                Updates.combine(Updates.unset(STEP_OWNER), Updates.unset(STEP_UNTIL)));
    }
}
