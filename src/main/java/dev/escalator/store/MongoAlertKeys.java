package dev.escalator.store;

import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.escalator.alerts.AlertKeys;
import dev.escalator.core.EscalationId;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Alert keys in {@code alert_keys}, one document per integration and key with {@code _id} = integration and key: the
 * {@code _id} index is the unique index that makes two replicas receiving the same alert open one escalation (it is
 * also the one index the embedded server keeps). Storm counts are one small document per integration in {@code
 * alert_storms}, reset when the minute changes.
 */
public final class MongoAlertKeys implements AlertKeys {
    /** The known alerts of a group are for naming new ones; past this many, new ones are no longer told apart. */
    static final int KNOWN_ALERTS = 500;

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> storms;
    private final StoreCalls calls;

    public MongoAlertKeys(MongoDatabase database, StoreCalls calls) {
        this.keys = database.getCollection("alert_keys");
        this.storms = database.getCollection("alert_storms");
        this.calls = calls;
    }

    private static String id(String integration, String key) {
        // a name has no newline (config checks its syntax), so the pair maps to one id and back
        return integration + "\n" + key;
    }

    @Override
    public Optional<Group> find(String integration, String key) {
        return calls.read(
                        "find alert key",
                        () -> Optional.ofNullable(keys.find(Filters.eq("_id", id(integration, key)))
                                .first()))
                .map(MongoAlertKeys::group);
    }

    @Override
    public boolean claim(String integration, String key, String claimant, Instant now) {
        var doc = new Document("_id", id(integration, key))
                .append("integration", integration)
                .append("key", key)
                .append("claimant", claimant)
                .append("claimedAt", Date.from(now))
                .append("escalation", null)
                .append("alerts", List.of())
                .append("storm", false);
        try {
            return calls.write("claim alert key", () -> {
                keys.insertOne(doc);
                return true;
            });
        } catch (MongoWriteException e) {
            if (MongoEscalationStore.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean takeOver(String integration, String key, String from, String claimant, Instant now) {
        return updated(
                "take over alert key",
                Filters.and(Filters.eq("_id", id(integration, key)), Filters.eq("claimant", from)),
                Updates.combine(Updates.set("claimant", claimant), Updates.set("claimedAt", Date.from(now))));
    }

    @Override
    public boolean assign(String integration, String key, String claimant, EscalationId escalation, boolean storm) {
        return updated(
                "assign alert key",
                Filters.and(Filters.eq("_id", id(integration, key)), Filters.eq("claimant", claimant)),
                Updates.combine(Updates.set("escalation", escalation.number()), Updates.set("storm", storm)));
    }

    @Override
    public void remember(String integration, String key, Collection<String> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        calls.write(
                "remember alerts",
                () -> keys.updateOne(
                        Filters.and(
                                Filters.eq("_id", id(integration, key)),
                                Filters.not(Filters.size("alerts", KNOWN_ALERTS))),
                        Updates.addEachToSet("alerts", List.copyOf(alerts))));
    }

    @Override
    public void release(String integration, String key, EscalationId escalation) {
        calls.write(
                "release alert key",
                () -> keys.deleteOne(Filters.and(
                        Filters.eq("_id", id(integration, key)), Filters.eq("escalation", escalation.number()))));
    }

    @Override
    public long countNewGroup(String integration, long minute) {
        var after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        for (int attempt = 1; ; attempt++) {
            Document same = calls.write(
                    "count new alert group",
                    () -> storms.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", integration), Filters.eq("minute", minute)),
                            Updates.inc("n", 1L),
                            after));
            if (same != null) {
                return same.getLong("n");
            }
            try {
                Document fresh = calls.write(
                        "start storm minute",
                        () -> storms.findOneAndUpdate(
                                Filters.and(Filters.eq("_id", integration), Filters.ne("minute", minute)),
                                Updates.combine(Updates.set("minute", minute), Updates.set("n", 1L)),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
                return fresh.getLong("n");
            } catch (MongoServerException e) {
                // another request started this minute first: count in it
                if (!MongoEscalationStore.isDuplicateKey(e) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private boolean updated(String what, Bson filter, Bson update) {
        return calls.write(what, () -> keys.updateOne(filter, update).getModifiedCount() == 1);
    }

    private static Group group(Document doc) {
        Number escalation = doc.get("escalation", Number.class);
        return new Group(
                doc.getString("claimant"),
                doc.getDate("claimedAt").toInstant(),
                Optional.ofNullable(escalation).map(number -> new EscalationId(number.longValue())),
                new HashSet<>(doc.getList("alerts", String.class, List.of())),
                Boolean.TRUE.equals(doc.getBoolean("storm")));
    }
}
