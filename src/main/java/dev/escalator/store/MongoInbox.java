package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * first one was done always sees the key and takes its insert back. Both are single-document operations in that order
 * on any MongoDB; on the embedded store the file is committed once, after the look, before record returns, so
 * whatever it answers (new, pending or done) rests on writes that survive a kill -9.
 *
 * <p>Done does not commit the file itself: the effect was stored (and committed) before, so a crash that loses the
 * done mark only leaves the entry to be taken over, and carrying it out again stores nothing twice (the effect and
 * its key are one write). Keys this process marked done are also remembered in memory for {@link #DONE_IN_MEMORY},
 * so that recording one again (a platform's retry, a command typed twice) is answered without a round trip; memory
 * only ever says "done", never "new", so it cannot let an action through twice.
 */
public final class MongoInbox implements Inbox {
    static final String COLLECTION = "inbox";
    /** How long this process remembers keys it marked done; the store remembers them for as long as asked. */
    static final Duration DONE_IN_MEMORY = Duration.ofMinutes(10);

    private static final int DONE_KEPT_IN_MEMORY = 100_000;

    private final MongoCollection<Document> inbox;
    private final MongoCollection<Document> inbound;
    private final StoreCalls calls;
    private final Supplier<Instant> now;
    /** Key to the instant the store forgets it: past that, memory does not answer either. */
    private final Cache<String, Instant> doneHere = Caffeine.newBuilder()
            .maximumSize(DONE_KEPT_IN_MEMORY)
            .expireAfterWrite(DONE_IN_MEMORY)
            .build();

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
        Instant forgotten = doneHere.getIfPresent(entry.key());
        if (forgotten != null && now.get().isBefore(forgotten)) {
            return Recorded.DONE;
        }
        var doc = new Document("_id", entry.key())
                .append("platform", EscalationDocuments.platform(entry.user().platform()))
                .append("user", entry.user().userId())
                .append("kind", entry.kind())
                .append("fields", new Document(new LinkedHashMap<String, Object>(entry.fields())))
                .append("receivedAt", Date.from(entry.receivedAt()))
                .append("owner", owner)
                .append("until", Date.from(until));
        // one write: the file is committed after the look, once for the insert and, if any, its taking back
        return calls.write("record action " + entry.key(), () -> {
            try {
                inbox.insertOne(doc);
            } catch (MongoWriteException e) {
                if (MongoEscalationStore.isDuplicateKey(e)) {
                    return Recorded.PENDING;
                }
                throw e;
            }
            if (inbound.find(eq("_id", entry.key())).first() == null) {
                return Recorded.NEW;
            }
            inbox.deleteOne(eq("_id", entry.key()));
            return Recorded.DONE;
        });
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
        Instant forgotten = now.get().plus(remember);
        calls.alongside("mark action " + key + " done", () -> {
            try {
                inbound.insertOne(new Document("_id", key).append("expiresAt", Date.from(forgotten)));
            } catch (MongoWriteException e) {
                if (!MongoEscalationStore.isDuplicateKey(e)) {
                    throw e;
                }
            }
            return inbox.deleteOne(eq("_id", key));
        });
        doneHere.put(key, forgotten);
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
