package dev.escalator.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.escalator.core.InboundEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Dedupe keys of handled platform events in the {@code inbound} collection, keyed by {@code _id} so the unique index
 * decides who was first, across replicas. A Caffeine cache in front answers repeats seen by this replica without a
 * round trip; it only ever says "seen", never "first", so it cannot let a duplicate through. It remembers each key
 * until the same instant the store does (by the injected clock), so a key past its time is usable again at once.
 */
public final class MongoInboundEvents implements InboundEvents {
    private final MongoCollection<Document> inbound;
    private final StoreCalls calls;
    private final Clock clock;
    /** Key to the instant it may be used again. */
    private final Cache<String, Instant> seenHere = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    public MongoInboundEvents(MongoDatabase database, StoreCalls calls, Clock clock) {
        this.inbound = database.getCollection("inbound");
        this.calls = calls;
        this.clock = clock;
    }

    public void createIndexes() {
        calls.write(
                "create inbound indexes",
                () -> inbound.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().name("expiry")));
    }

    @Override
    public boolean firstTime(String key, Duration remember) {
        Instant now = clock.instant();
        Instant seenUntil = seenHere.getIfPresent(key);
        if (seenUntil != null && now.isBefore(seenUntil)) {
            return false;
        }
        Instant expiresAt = now.plus(remember);
        var doc = new Document("_id", key).append("expiresAt", Date.from(expiresAt));
        boolean first = calls.write("record inbound event", () -> {
            try {
                inbound.insertOne(doc);
                return true;
            } catch (MongoWriteException e) {
                if (MongoEscalationStore.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
        seenHere.put(key, expiresAt);
        return first;
    }

    /** Not through the cache: a repeat by the same holder is first again, which only the stored holder can say. */
    @Override
    public boolean firstTimeFor(String key, String holder, Duration remember) {
        var doc = new Document("_id", key)
                .append("holder", holder)
                .append("expiresAt", Date.from(clock.instant().plus(remember)));
        return calls.write("record inbound event", () -> {
            try {
                inbound.insertOne(doc);
                return true;
            } catch (MongoWriteException e) {
                if (MongoEscalationStore.isDuplicateKey(e)) {
                    return inbound.find(Filters.and(Filters.eq("_id", key), Filters.eq("holder", holder)))
                                    .first()
                            != null;
                }
                throw e;
            }
        });
    }

    @Override
    public void forget(String key) {
        seenHere.invalidate(key);
        calls.write("forget inbound event", () -> inbound.deleteOne(Filters.eq("_id", key)));
    }

    /** Deletes keys past their time; the bot does this itself because the embedded server has no TTL monitor. */
    public long expire() {
        return calls.write(
                "expire inbound events",
                () -> inbound.deleteMany(Filters.lt("expiresAt", Date.from(clock.instant())))
                        .getDeletedCount());
    }
}
