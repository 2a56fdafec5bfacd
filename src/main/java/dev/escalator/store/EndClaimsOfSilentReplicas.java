package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static dev.escalator.store.EscalationCollection.DELIVERY_OWNER;
import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.escalator.chat.ChatPort;
import dev.escalator.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /** Two heartbeats missed, and a second's margin: {@link WriteHeartbeat#EVERY} is 1 s. */
    static final Duration SILENT = Duration.ofSeconds(3);

    /**
     * Silent this long, a replica has its delivery claims ended: the last post it may have started has landed, or its
     * call was given up, by then.
     */
    static final Duration DELIVERY_SILENT = WriteHeartbeat.POST_WINDOW.plus(ChatPort.CALL_TIME_OUT);

    /** The marks on a heartbeat document whose replica's step claims, and delivery claims, were ended. */
    static final String STEP_CLAIMS_ENDED = "claimsEnded";

    static final String DELIVERY_CLAIMS_ENDED = "deliveryClaimsEnded";

    /** How often heartbeats are looked at. */
    public static final Duration EVERY = Duration.ofMillis(500);

    private final StoreCalls calls;
    private final MongoCollection<Document> heartbeats;
    private final MongoDatabase database;
    private final Clock clock;
    private final String replica;
    private final Runnable whenEnded;

    /** {@code whenEnded} runs after claims were ended: the step and delivery loops look for the work at once. */
    public EndClaimsOfSilentReplicas(StoreConnection store, Clock clock, String replica, Runnable whenEnded) {
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
        long ended = 0;
        for (Document heartbeat : silent) {
            if (!heartbeat.getBoolean(STEP_CLAIMS_ENDED, false)) {
                ended += endStepClaimsOf(heartbeat, now);
            }
            if (heartbeat.getDate("at").toInstant().isBefore(now.minus(DELIVERY_SILENT))
                    && !heartbeat.getBoolean(DELIVERY_CLAIMS_ENDED, false)) {
                ended += endDeliveryClaimsOf(heartbeat, now);
            }
        }
        if (ended > 0) {
            whenEnded.run();
        }
        return Optional.of(now.plus(EVERY));
    }

    private long endStepClaimsOf(Document heartbeat, Instant now) {
        String silent = heartbeat.getString("_id");
        long ended = EscalationCollection.endClaims(database, calls, silent, STEP_OWNER, STEP_UNTIL, now);
        // guarded by the time read: a heartbeat written meanwhile means the replica is back, and stays unmarked
        calls.write(
                "mark the step claims of " + silent + " ended",
                () -> heartbeats.updateOne(
                        and(eq("_id", silent), eq("at", heartbeat.getDate("at"))),
                        Updates.set(STEP_CLAIMS_ENDED, true)));
        logEnded(heartbeat, ended, "step");
        return ended;
    }

    private long endDeliveryClaimsOf(Document heartbeat, Instant now) {
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
            return 0;
        }
        String owner = WriteHeartbeat.owner(silent, WriteHeartbeat.lifeOf(before));
        long ended = EscalationCollection.endClaims(database, calls, owner, DELIVERY_OWNER, DELIVERY_UNTIL, now);
        logEnded(heartbeat, ended, "delivery");
        return ended;
    }

    private static void logEnded(Document heartbeat, long ended, String kind) {
        if (ended > 0) {
            log.warn(
                    "replica {} silent since {}: {} of its {} claims ended, its work taken over",
                    heartbeat.getString("_id"),
                    heartbeat.getDate("at").toInstant(),
                    ended,
                    kind);
        }
    }
}
