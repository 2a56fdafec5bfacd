package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
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
 * <p>A replica whose own heartbeat is late as well (the store's writes queued, the machine starved) counts the others'
 * silence only beyond its own lateness ({@link #ownHeartbeatLate}): when every heartbeat lands late, nobody is taken
 * for dead. That only ever ends claims later, never sooner.
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
     * call was given up, by then. The arithmetic, on the time H its last heartbeat says (when that write began): it
     * starts a post only before H + {@link WriteHeartbeat#POST_WINDOW} (1.5 s), and the call ends within {@link
     * ChatPort#CALL_TIME_OUT} (2 s) of its start, so by H + 3.5 s; the taker ends the claims only once its own clock is
     * past H + 3.5 s (later still when its own heartbeat is late: {@link #ownHeartbeatLate}). Nothing in the sum is
     * slack, so it cannot shrink by itself; the window could (it is a heartbeat's interval and a second, that second
     * for posts not to wait on a heartbeat written first when the heartbeat loop runs late), but the posts' take-over
     * measured 3.1–3.9 s from the kill in the bots' logs (branch replicas4), inside SPEC §8's 5 s, so it is kept.
     */
    static final Duration DELIVERY_SILENT = WriteHeartbeat.POST_WINDOW.plus(ChatPort.CALL_TIME_OUT);

    /** The marks on a heartbeat document whose replica's step claims, and delivery claims, were ended. */
    static final String STEP_CLAIMS_ENDED = "claimsEnded";

    static final String DELIVERY_CLAIMS_ENDED = "deliveryClaimsEnded";

    /**
     * How often heartbeats are looked at at most: a query of one small collection, on the replica's own loop. A round
     * also comes as soon as a heartbeat it read would fall silent, if that is sooner: a dead replica's claims are ended
     * when its silence is over, not up to a round later.
     */
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
        // every replica's heartbeat (a few small documents), so that the next round can be when the next one would
        // fall silent, not up to a round after it; this replica's own too
        List<Document> all = calls.read(
                "read the replicas' heartbeats", () -> heartbeats.find().into(new ArrayList<>()));
        Duration late = ownHeartbeatLate(all, now);
        Instant next = now.plus(EVERY);
        var steps = new ArrayList<DueStep>();
        var deliveries = new ArrayList<EscalationId>();
        for (Document heartbeat : all) {
            if (replica.equals(heartbeat.getString("_id"))) {
                continue;
            }
            // another replica's silence counts only beyond this one's own lateness: see ownHeartbeatLate
            Instant at = heartbeat.getDate("at").toInstant().plus(late);
            if (!heartbeat.getBoolean(STEP_CLAIMS_ENDED, false)) {
                if (silentFor(at, SILENT, now)) {
                    for (Document claim : endStepClaimsOf(heartbeat, now)) {
                        // a claimed step was due; one whose due time went meanwhile is looked at all the same, and
                        // skipped
                        Date due = claim.getDate(NEXT_STEP_AT);
                        steps.add(new DueStep(idOf(claim), due == null ? now : due.toInstant()));
                    }
                } else {
                    next = earlier(next, silentAt(at, SILENT));
                }
            }
            if (!heartbeat.getBoolean(DELIVERY_CLAIMS_ENDED, false)) {
                if (silentFor(at, DELIVERY_SILENT, now)) {
                    endDeliveryClaimsOf(heartbeat, now).forEach(claim -> deliveries.add(idOf(claim)));
                } else {
                    next = earlier(next, silentAt(at, DELIVERY_SILENT));
                }
            }
        }
        var ended = new Ended(steps, deliveries);
        if (ended.any()) {
            whenEnded.accept(ended);
        }
        return Optional.of(next);
    }

    /**
     * How much later than its interval allows this replica's own heartbeat is, as the store has it: when the store
     * answers slowly (its writes queued), or this machine is starved of CPU, every replica's heartbeat lands late, this
     * one's too, and the others look silent for as long. Counting their silence only beyond this replica's own
     * lateness keeps a store or a machine that stalls for a few seconds from having every replica take every other
     * for dead (the 16:00 run of branch replicas3: three replicas seen silent together, 7 s, at load 22–38). It only
     * ever ends claims later than the silence alone would: never sooner, so the posts' fence holds as before; and a
     * dead replica's claims are ended as before by a replica whose own heartbeat is on time.
     */
    private Duration ownHeartbeatLate(List<Document> all, Instant now) {
        return all.stream()
                .filter(heartbeat -> replica.equals(heartbeat.getString("_id")))
                .map(heartbeat -> Duration.between(heartbeat.getDate("at").toInstant(), now)
                        .minus(WriteHeartbeat.EVERY))
                .filter(Duration::isPositive)
                .findFirst()
                .orElse(Duration.ZERO);
    }

    /** Silent for longer than {@code silence} at {@code now}, a heartbeat written at {@code at}. */
    private static boolean silentFor(Instant at, Duration silence, Instant now) {
        return at.isBefore(now.minus(silence));
    }

    /** The first instant at which a heartbeat written at {@code at} is silent for longer than {@code silence}. */
    private static Instant silentAt(Instant at, Duration silence) {
        return at.plus(silence).plusMillis(1);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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
