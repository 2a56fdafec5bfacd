package dev.escalator.store;

import static com.mongodb.client.model.Filters.eq;

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
 */
final class PostedMessages {
    private final StoreCalls calls;
    private final MongoCollection<Document> messages;

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
    }

    Optional<EscalationId> owner(Platform platform, String messageId) {
        return calls.read(
                "find escalation by message",
                () -> Optional.ofNullable(messages.find(eq("_id", key(platform, messageId)))
                                .first())
                        .map(doc -> new EscalationId(doc.getLong("escalation"))));
    }

    static String key(Platform platform, String messageId) {
        return EscalationDocuments.platform(platform) + ":" + messageId;
    }
}
