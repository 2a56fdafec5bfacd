package dev.escalator.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this replica's heartbeat ({@code heartbeats}: {@code _id} the replica, {@code at} the time) every {@link
 * #EVERY}, through the same path as every other write (on the embedded store: committed to its file). The store is
 * ready while the last heartbeat written is fresh: a store that answers pings but cannot write (a full disk, a
 * read-only file, a secondary) is not ready.
 *
 * <p>When the embedded store's file has failed and closed itself, nothing written from then on could be kept: {@code
 * whenLost} runs once, and the bot stops so that a restart reopens the file (see docs/operations.md).
 */
public final class WriteHeartbeat implements Job {
    private static final Logger log = LoggerFactory.getLogger(WriteHeartbeat.class);
    public static final Duration EVERY = Duration.ofSeconds(2);
    /** One document per replica; {@link EndClaimsOfSilentReplicas} reads it to tell who is alive. */
    static final String COLLECTION = "heartbeats";
    /** Three heartbeats missed: not ready. */
    static final Duration FRESH = EVERY.multipliedBy(3);
    /** Heartbeats of replicas gone this long are deleted. */
    static final Duration FORGOTTEN = Duration.ofDays(1);

    private final StoreConnection store;
    private final MongoCollection<Document> heartbeats;
    private final Clock clock;
    private final String replica;
    private final Runnable whenLost;
    private volatile Instant lastWritten = Instant.EPOCH;
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
            store.calls()
                    .write(
                            "write the heartbeat",
                            () -> heartbeats.replaceOne(
                                    Filters.eq("_id", replica),
                                    new Document("_id", replica).append("at", Date.from(now)),
                                    new ReplaceOptions().upsert(true)));
            lastWritten = now;
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
        return Optional.of(now.plus(EVERY));
    }

    /** The readiness check: the last heartbeat was written within {@link #FRESH}. */
    public boolean ready() {
        return !clock.instant().isAfter(lastWritten.plus(FRESH));
    }
}
