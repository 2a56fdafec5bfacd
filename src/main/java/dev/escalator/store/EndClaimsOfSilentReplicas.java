package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static dev.escalator.store.EscalationCollection.DELIVERY_OWNER;
import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
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
 * #SILENT} is taken for dead, and its step and delivery claims are ended at once, so that the others take its work
 * over within SPEC §8's 5 s instead of waiting for each claim's lease. Claims name their replica ({@code stepOwner},
 * {@code deliveryOwner}); an ended claim keeps its owner and ends at the epoch, so a delivery claim taken over still
 * says so and its post in doubt is looked for first.
 *
 * <p>A replica only slow, not dead, loses nothing but time: a step is done once by its version-guarded write whoever
 * claims it, and a delivery claim it lost makes its next record fail, so it stops and the new owner looks for its
 * post before posting. Each silent heartbeat is handled once ({@code claimsEnded}); a replica that writes its
 * heartbeat again clears the mark. The embedded store needs none of this: it ends every claim at start.
 */
public final class EndClaimsOfSilentReplicas implements Job {
    private static final Logger log = LoggerFactory.getLogger(EndClaimsOfSilentReplicas.class);

    /** One heartbeat missed, and a second's margin: {@link WriteHeartbeat#EVERY} is 2 s. */
    static final Duration SILENT = Duration.ofSeconds(3);

    /** How often heartbeats are looked at. */
    public static final Duration EVERY = Duration.ofSeconds(1);

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
        List<Document> silent = calls.read(
                "find silent replicas",
                () -> heartbeats
                        .find(and(lt("at", Date.from(now.minus(SILENT))), ne("claimsEnded", true), ne("_id", replica)))
                        .into(new ArrayList<>()));
        long ended = 0;
        for (Document heartbeat : silent) {
            ended += endClaimsOf(heartbeat, now);
        }
        if (ended > 0) {
            whenEnded.run();
        }
        return Optional.of(now.plus(EVERY));
    }

    private long endClaimsOf(Document heartbeat, Instant now) {
        String silent = heartbeat.getString("_id");
        long ended =
                endClaims(silent, STEP_OWNER, STEP_UNTIL, now) + endClaims(silent, DELIVERY_OWNER, DELIVERY_UNTIL, now);
        // guarded by the time read: a heartbeat written meanwhile means the replica is back, and stays unmarked
        calls.write(
                "mark the claims of " + silent + " ended",
                () -> heartbeats.updateOne(
                        and(eq("_id", silent), eq("at", heartbeat.getDate("at"))), Updates.set("claimsEnded", true)));
        if (ended > 0) {
            log.warn(
                    "replica {} silent since {}: {} of its claims ended, its work taken over",
                    silent,
                    heartbeat.getDate("at").toInstant(),
                    ended);
        }
        return ended;
    }

    private long endClaims(String silent, String ownerField, String untilField, Instant now) {
        return EscalationCollection.endClaims(database, calls, silent, ownerField, untilField, now);
    }
}
