package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static dev.escalator.store.EscalationCollection.DELIVERY_OWNER;
import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.NEXT_STEP_AT;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.escalator.chat.ChatPort;
import dev.escalator.core.EscalationId;
import dev.escalator.jobs.Job;
import dev.escalator.schedule.DueStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With several replicas on MongoDB: a replica whose heartbeat ({@link WriteHeartbeat}) has been silent for {@link
 * #SILENT} is taken for dead, and its step claims are ended at once; its delivery claims after {@link
 * #DELIVERY_SILENT}. So the others take its work over within SPEC §8's 5 s instead of waiting for each claim's lease.
 * Claims name their replica ({@code stepOwner}, {@code deliveryOwner}); an ended claim keeps its owner and ends at the
 * epoch, so a delivery claim taken over still says so and its post in doubt is looked for first.
 *
 * <p>A replica only slow, not dead (starved of CPU, its heartbeat written late), must not post once its delivery claim
 * may have been taken over, nor have a post still in flight when the taker looks for it. Hence the later take-over of
 * delivery claims: a replica starts a post only within {@link WriteHeartbeat#POST_WINDOW} of its last heartbeat, and a
 * call ends within {@link ChatPort#CALL_TIME_OUT}, so after the sum its post has landed or will not. And hence the
 * order of the writes: the heartbeat document is first marked, guarded by the silent time read, counting the
 * replica's life up; only then are the delivery claims of the life it had ended. A heartbeat written meanwhile wins:
 * the replica is back, and nothing of it is ended. A replica that comes back after the mark reads its new life and
 * stops posting for the claims of the old one ({@link WriteHeartbeat#mayPost}).
 *
 * <p>Steps need none of this: a step is done once by its version-guarded write whoever claims it. Each silent
 * heartbeat is handled once ({@code stepClaimsEnded}, {@code deliveryClaimsEnded}); a replica that writes its heartbeat
 * again clears the marks. The embedded store needs none of this: it ends every claim at start.
 */
public final class EndClaimsOfSilentReplicas implements Job {
    private static final Logger log = LoggerFactory.getLogger(EndClaimsOfSilentReplicas.class);

    /**
     * Two heartbeats missed, and a second's margin (for a heartbeat written late on a busy machine, and replicas'
     * clocks a little apart): {@link WriteHeartbeat#EVERY} is 500 ms, so 2 s. A replica only slow that is taken for
     * dead loses nothing by it (see the class comment); it costs the work of looking for its posts in doubt.
     */
    static final Duration SILENT = WriteHeartbeat.EVERY.multipliedBy(2).plusSeconds(1);

    /**
     * Silent this long, a replica has its delivery claims ended: the last post it may have started has landed, or its
     * call was given up, by then.
     */
    static final Duration DELIVERY_SILENT = WriteHeartbeat.POST_WINDOW.plus(ChatPort.CALL_TIME_OUT);

    /** The marks on a heartbeat document whose replica's step claims, and delivery claims, were ended. */
    static final String STEP_CLAIMS_ENDED = "claimsEnded";

    static final String DELIVERY_CLAIMS_ENDED = "deliveryClaimsEnded";

    /** How often heartbeats are looked at: a query of one small collection, on the replica's own loop. */
    public static final Duration EVERY = Duration.ofMillis(250);

    /**
     * What one round ended: the steps whose claims it ended (with their due times) and the escalations whose delivery
     * claims it ended, for this replica to take over at once, before the work it already had.
     */
    public record Ended(List<DueStep> steps, List<EscalationId> deliveries) {
        public Ended {
            steps = List.copyOf(steps);
            deliveries = List.copyOf(deliveries);
        }

        boolean any() {
            return !steps.isEmpty() || !deliveries.isEmpty();
        }
    }

    private final StoreCalls calls;
    private final MongoCollection<Document> heartbeats;
    private final MongoDatabase database;
    private final Clock clock;
    private final String replica;
    private final Consumer<Ended> whenEnded;

    /** {@code whenEnded} runs after a round that ended claims, told nothing of what they were. */
    public EndClaimsOfSilentReplicas(StoreConnection store, Clock clock, String replica, Runnable whenEnded) {
        this(store, clock, replica, ended -> whenEnded.run());
        Objects.requireNonNull(whenEnded, "whenEnded");
    }

    /**
     * {@code whenEnded} is given what a round ended, when it ended anything: the steps and posts are this replica's to
     * take over at once, without waiting for a poll or for a round of its own work.
     */
    public EndClaimsOfSilentReplicas(StoreConnection store, Clock clock, String replica, Consumer<Ended> whenEnded) {
        this.calls = store.calls();
        this.heartbeats = store.database().getCollection(WriteHeartbeat.COLLECTION);
        this.database = store.database();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replica = Objects.requireNonNull(replica, "replica");
        this.whenEnded = Objects.requireNonNull(whenEnded, "whenEnded");
    }

    @Override
    public String name() {
        return "end-claims-of-silent-replicas";
    }

    @Override
    public Optional<Instant> runOnce() {
        Instant now = clock.instant();
        Date stepsBefore = Date.from(now.minus(SILENT));
        Date deliveriesBefore = Date.from(now.minus(DELIVERY_SILENT));
        List<Document> silent = calls.read(
                "find silent replicas",
                () -> heartbeats
                        .find(and(
                                lt("at", stepsBefore),
                                ne("_id", replica),
                                or(
                                        ne(STEP_CLAIMS_ENDED, true),
                                        and(lt("at", deliveriesBefore), ne(DELIVERY_CLAIMS_ENDED, true)))))
                        .into(new ArrayList<>()));
        var steps = new ArrayList<DueStep>();
        var deliveries = new ArrayList<EscalationId>();
        for (Document heartbeat : silent) {
            if (!heartbeat.getBoolean(STEP_CLAIMS_ENDED, false)) {
                for (Document claim : endStepClaimsOf(heartbeat, now)) {
                    // a claimed step was due; one whose due time went meanwhile is looked at all the same, and skipped
                    Date due = claim.getDate(NEXT_STEP_AT);
                    steps.add(new DueStep(idOf(claim), due == null ? now : due.toInstant()));
                }
            }
            if (heartbeat.getDate("at").toInstant().isBefore(now.minus(DELIVERY_SILENT))
                    && !heartbeat.getBoolean(DELIVERY_CLAIMS_ENDED, false)) {
                endDeliveryClaimsOf(heartbeat, now).forEach(claim -> deliveries.add(idOf(claim)));
            }
        }
        var ended = new Ended(steps, deliveries);
        if (ended.any()) {
            whenEnded.accept(ended);
        }
        return Optional.of(now.plus(EVERY));
    }

    private static EscalationId idOf(Document claim) {
        return new EscalationId(claim.getLong("_id"));
    }

    private List<Document> endStepClaimsOf(Document heartbeat, Instant now) {
        String silent = heartbeat.getString("_id");
        List<Document> ended = EscalationCollection.endClaims(database, calls, silent, STEP_OWNER, STEP_UNTIL, now);
        // guarded by the time read: a heartbeat written meanwhile means the replica is back, and stays unmarked
        calls.write(
                "mark the step claims of " + silent + " ended",
                () -> heartbeats.updateOne(
                        and(eq("_id", silent), eq("at", heartbeat.getDate("at"))),
                        Updates.set(STEP_CLAIMS_ENDED, true)));
        logEnded(heartbeat, ended, "step");
        return ended;
    }

    private List<Document> endDeliveryClaimsOf(Document heartbeat, Instant now) {
        String silent = heartbeat.getString("_id");
        // first the mark, guarded by the time read: a replica that wrote its heartbeat since is back, and keeps its
        // claims; one that writes it after the mark reads its new life and posts nothing more for the old one's
        Document before = calls.write(
                "mark the delivery claims of " + silent + " ended",
                () -> heartbeats.findOneAndUpdate(
                        and(eq("_id", silent), eq("at", heartbeat.getDate("at")), ne(DELIVERY_CLAIMS_ENDED, true)),
                        Updates.combine(Updates.set(DELIVERY_CLAIMS_ENDED, true), Updates.inc(WriteHeartbeat.LIFE, 1L)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
        if (before == null) {
            return List.of();
        }
        String owner = WriteHeartbeat.owner(silent, WriteHeartbeat.lifeOf(before));
        List<Document> ended =
                EscalationCollection.endClaims(database, calls, owner, DELIVERY_OWNER, DELIVERY_UNTIL, now);
        logEnded(heartbeat, ended, "delivery");
        return ended;
    }

    /** Once per silence, also when the replica held no claims: how often replicas are taken for dead shows here. */
    private static void logEnded(Document heartbeat, List<Document> ended, String kind) {
        log.warn(
                "replica {} silent since {}: {} of its {} claims ended, its work taken over",
                heartbeat.getString("_id"),
                heartbeat.getDate("at").toInstant(),
                ended.size(),
                kind);
    }
}
