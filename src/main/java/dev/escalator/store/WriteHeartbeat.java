package dev.escalator.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.delivery.PostingFence;
import dev.escalator.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this replica's heartbeat ({@code heartbeats}: {@code _id} the replica, {@code at} the time) every {@link
 * #EVERY} ({@link #ALONE_EVERY} on the embedded store), through the same path as every other write (on the embedded store: committed to its file). The store is
 * ready while the last heartbeat written is fresh: a store that answers pings but cannot write (a full disk, a
 * read-only file, a secondary) is not ready.
 *
 * <p>It is also this replica's {@link PostingFence} with several replicas. Delivery claims are taken as {@code
 * <replica>/<life>}, the {@code life} the heartbeat document holds; {@link EndClaimsOfSilentReplicas} ends the claims
 * of one life only, and counts the life up in the same write that sees the heartbeat silent, so claims taken after
 * the replica came back are never ended with them. A post may start while the last heartbeat written began within
 * {@link #POST_WINDOW} (one is written first if it did not) and the life it read is the claim's: another replica ends
 * those claims only after the heartbeat has been silent for {@link EndClaimsOfSilentReplicas#DELIVERY_SILENT}, the
 * window plus a call's time-out, by when the post has landed or been given up.
 *
 * <p>When the embedded store's file has failed and closed itself, nothing written from then on could be kept: {@code
 * whenLost} runs once, and the bot stops so that a restart reopens the file (see docs/operations.md).
 */
public final class WriteHeartbeat implements Job, PostingFence {
    private static final Logger log = LoggerFactory.getLogger(WriteHeartbeat.class);
    /**
     * Every half second with several replicas: {@link EndClaimsOfSilentReplicas} takes a replica silent for two of
     * these and a second for dead, and the sooner it may, the sooner a dead replica's work is taken over (SPEC §8:
     * within 5 s). One small write each, on the replica's own loop.
     */
    public static final Duration EVERY = Duration.ofMillis(500);

    /**
     * Alone on the embedded store, where nobody takes this replica's claims over and a heartbeat only proves the file
     * takes writes (each one committed to it), once a second is enough.
     */
    public static final Duration ALONE_EVERY = Duration.ofSeconds(1);
    /** One document per replica; {@link EndClaimsOfSilentReplicas} reads it to tell who is alive. */
    static final String COLLECTION = "heartbeats";
    /** Counts the times the replica's delivery claims were ended; names its claims taken since. */
    static final String LIFE = "life";
    /** Not ready when the last heartbeat written is older than this. */
    static final Duration FRESH = Duration.ofSeconds(6);
    /**
     * How long after a heartbeat was begun a post may start: one heartbeat late, and a second's margin for a write
     * that takes long or a job loop that runs late.
     */
    static final Duration POST_WINDOW = EVERY.plusSeconds(1);
    /** Heartbeats of replicas gone this long are deleted. */
    static final Duration FORGOTTEN = Duration.ofDays(1);

    /** What the last heartbeat written proves: written at {@code at} (when it was begun), in {@code life}. */
    private record Written(Instant at, long life) {}

    private final StoreConnection store;
    private final MongoCollection<Document> heartbeats;
    private final Clock clock;
    private final String replica;
    private final Runnable whenLost;
    private volatile Written written = new Written(Instant.EPOCH, 0);
    private final ReentrantLock writing = new ReentrantLock();
    private Instant nextCleanup = Instant.EPOCH;
    private boolean lost;

    public WriteHeartbeat(StoreConnection store, Clock clock, String replica, Runnable whenLost) {
        this.store = Objects.requireNonNull(store, "store");
        this.heartbeats = store.database().getCollection(COLLECTION);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replica = Objects.requireNonNull(replica, "replica");
        this.whenLost = Objects.requireNonNull(whenLost, "whenLost");
    }

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public Optional<Instant> runOnce() {
        Instant now = clock.instant();
        try {
            write(false);
            if (!now.isBefore(nextCleanup)) {
                nextCleanup = now.plus(Duration.ofMinutes(30));
                store.calls()
                        .write(
                                "delete old heartbeats",
                                () -> heartbeats.deleteMany(Filters.lt("at", Date.from(now.minus(FORGOTTEN)))));
            }
        } catch (StoreUnavailableException e) {
            log.warn("store: cannot write the heartbeat; not ready until it can");
            if (store.lost() && !lost) {
                lost = true;
                whenLost.run();
            }
        }
        return Optional.of(now.plus(every()));
    }

    /**
     * Writes the heartbeat, now, and reads the life it is in; {@code onlyIfStale}: unless one written meanwhile is
     * still fresh enough for a post. One write at a time, so that what was written last is what {@link #written} says.
     */
    private Written write(boolean onlyIfStale) {
        writing.lock();
        try {
            Instant now = clock.instant();
            if (onlyIfStale && now.isBefore(written.at().plus(POST_WINDOW))) {
                return written;
            }
            Document heartbeat = store.calls()
                    .write(
                            "write the heartbeat",
                            () -> heartbeats.findOneAndUpdate(
                                    Filters.eq("_id", replica),
                                    Updates.combine(
                                            Updates.set("at", Date.from(now)),
                                            Updates.unset(EndClaimsOfSilentReplicas.STEP_CLAIMS_ENDED),
                                            Updates.unset(EndClaimsOfSilentReplicas.DELIVERY_CLAIMS_ENDED),
                                            Updates.setOnInsert(LIFE, 0L)),
                                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
            long life = lifeOf(heartbeat);
            if (life != written.life()) {
                log.warn(
                        "this replica's heartbeat was silent for {} ms or more: its delivery claims were taken over",
                        EndClaimsOfSilentReplicas.DELIVERY_SILENT.toMillis());
            }
            written = new Written(now, life);
            return written;
        } finally {
            writing.unlock();
        }
    }

    /** How often this replica writes its heartbeat: {@link #EVERY}, or {@link #ALONE_EVERY} on the embedded store. */
    public Duration every() {
        return store.isEmbedded() ? ALONE_EVERY : EVERY;
    }

    /** The readiness check: the last heartbeat was written within {@link #FRESH}. */
    public boolean ready() {
        return !clock.instant().isAfter(written.at().plus(FRESH));
    }

    @Override
    public String owner() {
        return owner(replica, written.life());
    }

    /**
     * When the last heartbeat is too old for a post (the loop ran late, or a test's clock moved on), one is written
     * first: written after another replica saw this one silent, it reads the life that other replica counted up, and
     * the claim's life is over; written before, it keeps this replica from being seen silent for a while.
     */
    @Override
    public boolean mayPost(String owner, Instant now) {
        Written last = written;
        Instant at = now;
        if (!at.isBefore(last.at().plus(POST_WINDOW))) {
            try {
                last = write(true);
            } catch (StoreUnavailableException e) {
                return false;
            }
            at = clock.instant();
        }
        return owner.equals(owner(replica, last.life()))
                && at.isBefore(last.at().plus(POST_WINDOW));
    }

    /** The owner name of {@code replica}'s delivery claims in {@code life}. */
    static String owner(String replica, long life) {
        return replica + "/" + life;
    }

    /** The life a heartbeat document holds; 0 for one written before lives were counted. */
    static long lifeOf(Document heartbeat) {
        return heartbeat == null || !(heartbeat.get(LIFE) instanceof Number life) ? 0 : life.longValue();
    }
}
