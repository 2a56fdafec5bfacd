package dev.escalator.store;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The chat messages the bot posted, each mapped to its escalation in the {@code messages} collection as {@code {_id:
 * "<platform>:<messageId>", escalation: n}}. A reaction finds its escalation by {@code _id}, the one lookup that is
 * indexed on the embedded server (mongo-java-server has no secondary indexes) as well as on a real MongoDB; reactions on
 * unrelated messages, which are most of them, cost one primary-key miss.
 *
 * <p>A message never changes escalation, so each mapping this process wrote or read is also kept in memory (the most
 * recent {@value #KEPT_IN_MEMORY}): a reaction on a root message this process posted or looked up before finds its
 * escalation without a round trip to the store. A miss is never kept, as the message may be recorded a moment later;
 * after a restart the memory is empty and the store answers, as it always can.
 */
final class PostedMessages {
    static final int KEPT_IN_MEMORY = 20_000;

    private final StoreCalls calls;
    private final MongoCollection<Document> messages;
    private final Cache<String, EscalationId> owners =
            Caffeine.newBuilder().maximumSize(KEPT_IN_MEMORY).build();

    PostedMessages(MongoDatabase database, StoreCalls calls) {
        this.calls = calls;
        this.messages = database.getCollection("messages");
    }

    /** Maps each of {@code keys} to {@code id}; idempotent, so a repeated delivery writes the same mapping again. */
    void record(EscalationId id, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        var upserts = keys.stream()
                .map(key -> new ReplaceOneModel<>(
                        eq("_id", key),
                        new Document("_id", key).append("escalation", id.number()),
                        new ReplaceOptions().upsert(true)))
                .toList();
        calls.write("record posted messages of " + id, () -> messages.bulkWrite(upserts));
        // once the write is confirmed: memory never knows a mapping the store may not have
        keys.forEach(key -> owners.put(key, id));
    }

    Optional<EscalationId> owner(Platform platform, String messageId) {
        String key = key(platform, messageId);
        EscalationId known = owners.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<EscalationId> stored = calls.read(
                "find escalation by message",
                () -> Optional.ofNullable(messages.find(eq("_id", key)).first())
                        .map(doc -> new EscalationId(doc.getLong("escalation"))));
        stored.ifPresent(id -> owners.put(key, id));
        return stored;
    }

    static String key(Platform platform, String messageId) {
        return EscalationDocuments.platform(platform) + ":" + messageId;
    }
}
