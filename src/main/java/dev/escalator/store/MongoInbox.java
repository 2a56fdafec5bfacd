package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Inbox;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The inbox in collection {@code inbox}, one document per action not yet done, {@code _id} its platform event key, so
 * the unique {@code _id} decides which delivery of an event records it. A done action's document is deleted and its
 * key goes to {@code inbound} (the dedupe keys {@link ExpireInboundKeys} expires): {@code inbox} holds only actions in
 * flight, a handful, so finding the unclaimed ones scans a small collection even on the embedded store, whose
 * mongo-java-server has no secondary indexes; on a real MongoDB an index on the lease's end serves the query.
 *
 * <p>Order matters between {@link #record} and {@link #done}: done writes the key to {@code inbound} before it deletes
 * the entry; record inserts the entry before it looks in {@code inbound}. So a record that wins its insert after the
 * first one was done always sees the key and takes its insert back.
 */
public final class MongoInbox implements Inbox {
    static final String COLLECTION = "inbox";

    private final MongoCollection<Document> inbox;
    private final MongoCollection<Document> inbound;
    private final StoreCalls calls;
    private final Supplier<Instant> now;

    MongoInbox(MongoDatabase database, StoreCalls calls, Supplier<Instant> now) {
        this.inbox = database.getCollection(COLLECTION);
        this.inbound = database.getCollection("inbound");
        this.calls = calls;
        this.now = now;
    }

    /** The index behind {@link #unclaimed}, created at start on a real MongoDB. */
    void createIndexes() {
        calls.write(
                "create inbox indexes",
                () -> inbox.createIndex(Indexes.ascending("until"), new IndexOptions().name("lease")));
    }

    @Override
    public Recorded record(InboxEntry entry, String owner, Instant until) {
        var doc = new Document("_id", entry.key())
                .append("platform", EscalationDocuments.platform(entry.user().platform()))
                .append("user", entry.user().userId())
                .append("kind", entry.kind())
                .append("fields", new Document(new LinkedHashMap<String, Object>(entry.fields())))
                .append("receivedAt", Date.from(entry.receivedAt()))
                .append("owner", owner)
                .append("until", Date.from(until));
        boolean inserted = calls.write("record action " + entry.key(), () -> {
            try {
                inbox.insertOne(doc);
                return true;
            } catch (MongoWriteException e) {
                if (MongoEscalationStore.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
        if (!inserted) {
            return Recorded.PENDING;
        }
        boolean doneBefore = calls.read(
                "look up action " + entry.key(),
                () -> inbound.find(eq("_id", entry.key())).first() != null);
        if (doneBefore) {
            calls.write("take back action " + entry.key(), () -> inbox.deleteOne(eq("_id", entry.key())));
            return Recorded.DONE;
        }
        return Recorded.NEW;
    }

    @Override
    public Optional<InboxEntry> claim(String key, String owner, Instant at, Instant until) {
        var options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        return calls.write(
                "claim action " + key,
                () -> Optional.ofNullable(inbox.findOneAndUpdate(
                                and(eq("_id", key), MongoEscalationStore.leaseFree("until", at)),
                                Updates.combine(Updates.set("owner", owner), Updates.set("until", Date.from(until))),
                                options))
                        .map(MongoInbox::entry));
    }

    @Override
    public void release(String key, String owner) {
        calls.write(
                "release action " + key,
                () -> inbox.updateOne(
                        and(eq("_id", key), eq("owner", owner)),
                        Updates.combine(Updates.unset("owner"), Updates.unset("until"))));
    }

    @Override
    public List<String> unclaimed(Instant at, int limit) {
        return calls.read(
                "find unclaimed actions",
                () -> inbox.find(MongoEscalationStore.leaseFree("until", at))
                        .projection(Projections.include("_id"))
                        .sort(Sorts.ascending("receivedAt"))
                        .limit(limit)
                        .map(doc -> doc.getString("_id"))
                        .into(new ArrayList<>()));
    }

    @Override
    public EscalationId escalationFor(String key, Supplier<EscalationId> allocate) {
        Optional<EscalationId> stored = storedEscalation(key);
        if (stored.isPresent()) {
            return stored.get();
        }
        EscalationId allocated = allocate.get();
        calls.write(
                "keep escalation id of action " + key,
                () -> inbox.updateOne(
                        and(eq("_id", key), exists("escalation", false)),
                        Updates.set("escalation", allocated.number())));
        // whoever wrote first decides; an id allocated and not kept is a gap in the ESC-n sequence, nothing more
        return storedEscalation(key).orElse(allocated);
    }

    private Optional<EscalationId> storedEscalation(String key) {
        return calls.read(
                "read escalation id of action " + key,
                () -> Optional.ofNullable(inbox.find(eq("_id", key))
                                .projection(Projections.include("escalation"))
                                .first())
                        .flatMap(doc -> Optional.ofNullable(doc.get("escalation", Number.class)))
                        .map(n -> new EscalationId(n.longValue())));
    }

    @Override
    public void done(String key, Duration remember) {
        calls.write("mark action " + key + " done", () -> {
            try {
                inbound.insertOne(new Document("_id", key)
                        .append("expiresAt", Date.from(now.get().plus(remember))));
            } catch (MongoWriteException e) {
                if (!MongoEscalationStore.isDuplicateKey(e)) {
                    throw e;
                }
            }
            return null;
        });
        calls.write("delete action " + key, () -> inbox.deleteOne(eq("_id", key)));
    }

    private static InboxEntry entry(Document doc) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional.ofNullable(doc.get("fields", Document.class))
                .ifPresent(f -> f.forEach((name, value) -> fields.put(name, String.valueOf(value))));
        Platform platform = Platform.valueOf(doc.getString("platform").toUpperCase(Locale.ROOT));
        return new InboxEntry(
                doc.getString("_id"),
                new ChatUser(platform, doc.getString("user")),
                doc.getString("kind"),
                fields,
                doc.getDate("receivedAt").toInstant());
    }
}
