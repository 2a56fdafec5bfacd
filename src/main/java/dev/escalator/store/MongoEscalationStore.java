package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.size;
import static dev.escalator.store.EscalationCollection.OUTBOX;
import static dev.escalator.store.EscalationCollection.OUTBOX_AT;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;
import static dev.escalator.store.EscalationCollection.VERSION;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.ThreadRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Escalations in one MongoDB collection, one document each: the escalation's fields, its timeline, its outbox of
 * effects to deliver, the thread it shows in, and two leases (the scheduler's step claim, the delivery claim).
 * Every write is a single-document update guarded by version or lease owner, which is atomic on the embedded server
 * and on a real replica set alike; no transactions.
 */
public final class MongoEscalationStore implements EscalationStore {
    static final String COLLECTION = "escalations";
    /** The ESC-n sequence: document {@code {_id: "escalations", n: <last id issued>}} in collection "counters". */
    static final String COUNTERS = "counters";

    /** The keys of the latest people's actions stored on an escalation, and how many are kept. */
    static final String HANDLED = "handled";
    /** The platform's link to the root message, kept by {@code status} the first time it is asked for. */
    static final String ROOT_LINK = "rootLink";

    /**
     * Enough for platforms' retries, which come within minutes (Slack's three at once, after a minute and after five):
     * a key leaves only when 100 later actions on the same escalation were stored meanwhile. A Slack reaction or press
     * carried out before its answer has this as its only record in the store; its process also remembers it for ten
     * minutes ({@code RecordedActions}).
     */
    static final int HANDLED_KEPT = 100;
    /** Root links kept in memory, the most recent: enough for every escalation people ask about in a busy hour. */
    static final int ROOT_LINKS_IN_MEMORY = 10_000;

    static final Bson SEQUENCE = eq("_id", "escalations");

    /** "Ready at once": the outbox ignores clocks for fresh effects, so replica clock skew cannot delay a post. */
    static final Date READY = Date.from(Instant.EPOCH);

    private final StoreCalls calls;
    private final EscalationCollection escalations;
    private final MongoCollection<Document> counters;
    private final PostedMessages messages;
    private final WorkQueues workQueues;
    /**
     * Root links read or kept by this process: a root message never moves, so its link never changes once kept, and
     * {@code status} then needs no round trip for it. Only links the store holds; a restart starts empty.
     */
    private final Cache<Long, String> rootLinks =
            Caffeine.newBuilder().maximumSize(ROOT_LINKS_IN_MEMORY).build();

    MongoEscalationStore(MongoDatabase database, StoreCalls calls, PostedMessages messages, WorkQueues workQueues) {
        this.calls = calls;
        this.escalations = new EscalationCollection(database, calls, workQueues);
        this.counters = database.getCollection(COUNTERS);
        this.messages = messages;
        this.workQueues = workQueues;
    }

    /** Creates the indexes behind every repeated query; idempotent, run at start-up. */
    public void createIndexes() {
        calls.write("create escalation indexes", () -> {
            escalations.createIndex(
                    Indexes.compoundIndex(
                            Indexes.ascending("home.platform", "home.id", "status"), Indexes.descending("_id")),
                    new IndexOptions().name("channel_status"));
            escalations.createIndex(Indexes.descending("openedAt"), new IndexOptions().name("opened_at"));
            return null;
        });
    }

    @Override
    public EscalationId nextId() {
        return calls.write("allocate escalation id", () -> {
            var options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
            for (int attempt = 1; ; attempt++) {
                try {
                    Document counter = counters.findOneAndUpdate(SEQUENCE, Updates.inc("n", 1L), options);
                    return new EscalationId(counter.getLong("n"));
                } catch (MongoServerException e) {
                    // two first-ever upserts can race on real MongoDB: the loser retries and increments
                    if (!isDuplicateKey(e) || attempt >= 3) {
                        throw e;
                    }
                }
            }
        });
    }

    @Override
    public boolean create(Escalation escalation, List<Effect> effects) {
        Document doc = EscalationDocuments.fields(escalation)
                .append("_id", escalation.id().number())
                .append(OUTBOX, EscalationDocuments.effects(escalation.version(), effects));
        if (!effects.isEmpty()) {
            doc.append(OUTBOX_AT, READY);
        }
        return escalations
                .write(escalation.id(), "create " + escalation.id(), collection -> {
                    try {
                        collection.insertOne(doc);
                        return Optional.of(doc);
                    } catch (MongoWriteException e) {
                        if (isDuplicateKey(e)) {
                            return Optional.<Document>empty();
                        }
                        throw e;
                    }
                })
                .isPresent();
    }

    /**
     * How many escalations are not resolved, for the metrics' gauge: from the embedded store's work queues in
     * memory, or one count query on a real MongoDB; not for every scrape.
     */
    public long countUnresolved() {
        return workQueues.unresolved();
    }

    @Override
    public Optional<Escalation> find(EscalationId id) {
        return escalations.escalation(id);
    }

    @Override
    public boolean save(Escalation next, List<Effect> effects, Optional<String> handled) {
        return save(next, Optional.empty(), effects, handled);
    }

    @Override
    public boolean save(Escalation next, int earlierEntries, List<Effect> effects, Optional<String> handled) {
        if (earlierEntries < 0 || earlierEntries > next.timeline().size()) {
            throw new IllegalArgumentException("%s: %d earlier entries, %d now"
                    .formatted(next.id(), earlierEntries, next.timeline().size()));
        }
        return save(next, Optional.of(earlierEntries), effects, handled);
    }

    /**
     * With {@code earlierEntries}, the new timeline entries are appended ({@code $push}) to a timeline guarded to have
     * exactly that many: a save then writes a few hundred bytes, not the whole timeline again.
     */
    private boolean save(
            Escalation next, Optional<Integer> earlierEntries, List<Effect> effects, Optional<String> handled) {
        var updates = new ArrayList<Bson>();
        Document fields = EscalationDocuments.fields(next);
        if (earlierEntries.isPresent()) {
            List<?> timeline = (List<?>) Objects.requireNonNull(fields.remove(EscalationDocuments.TIMELINE));
            List<?> appended =
                    timeline.subList(earlierEntries.get(), next.timeline().size());
            if (!appended.isEmpty()) {
                updates.add(Updates.pushEach(EscalationDocuments.TIMELINE, appended));
            }
        }
        fields.forEach((field, value) -> updates.add(Updates.set(field, value)));
        // a transition supersedes any step claim: the next step may come due before the old lease would lapse
        updates.add(Updates.unset(STEP_OWNER));
        updates.add(Updates.unset(STEP_UNTIL));
        if (!effects.isEmpty()) {
            updates.add(Updates.pushEach(OUTBOX, EscalationDocuments.effects(next.version(), effects)));
            updates.add(Updates.min(OUTBOX_AT, READY));
        }
        var guards = new ArrayList<Bson>(List.of(eq("_id", next.id().number()), eq(VERSION, next.version() - 1)));
        earlierEntries.ifPresent(entries -> guards.add(size(EscalationDocuments.TIMELINE, entries)));
        handled.ifPresent(key -> {
            // the effect and its action's key in one write: a second run of the same action matches nothing
            guards.add(ne(HANDLED, key));
            updates.add(Updates.pushEach(HANDLED, List.of(key), new PushOptions().slice(-HANDLED_KEPT)));
        });
        Bson guarded = and(guards);
        return escalations
                .update(next.id(), "save " + next.id(), guarded, Updates.combine(updates))
                .isPresent();
    }

    @Override
    public boolean handled(EscalationId id, String key) {
        return calls.read(
                "read handled actions of " + id,
                () -> escalations
                                .find(and(eq("_id", id.number()), eq(HANDLED, key)))
                                .projection(Projections.include("_id"))
                                .first()
                        != null);
    }

    @Override
    public List<Escalation> find(EscalationQuery query) {
        return calls.read(
                "list escalations",
                () -> escalations
                        .find(filter(query))
                        .sort(Sorts.descending("_id"))
                        .limit(query.limit())
                        .map(EscalationDocuments::escalation)
                        .into(new ArrayList<>()));
    }

    @Override
    public List<EscalationTimes> times(EscalationQuery query) {
        return calls.read(
                "read escalation times",
                () -> escalations
                        .find(filter(query))
                        .projection(EscalationDocuments.TIMES)
                        .sort(Sorts.descending("_id"))
                        .limit(query.limit())
                        .map(EscalationDocuments::times)
                        .into(new ArrayList<>()));
    }

    private static Bson filter(EscalationQuery query) {
        var filters = new ArrayList<Bson>();
        query.channel().ifPresent(channel -> {
            filters.add(eq("home.platform", EscalationDocuments.platform(channel.platform())));
            filters.add(eq("home.id", channel.channelId()));
        });
        query.path().ifPresent(path -> filters.add(eq("path", path.value())));
        if (query.unresolvedOnly()) {
            filters.add(com.mongodb.client.model.Filters.ne("status", Status.RESOLVED.word()));
        }
        query.openedSince().ifPresent(since -> filters.add(gte("openedAt", Date.from(since))));
        query.openedBefore().ifPresent(before -> filters.add(lt("openedAt", Date.from(before))));
        query.involving().ifPresent(user -> {
            Bson reported = and(
                    eq("reporter.platform", EscalationDocuments.platform(user.platform())),
                    eq("reporter.user", user.account().userId()));
            filters.add(user.person()
                    .map(person -> com.mongodb.client.model.Filters.or(reported, eq("tagged", person.value())))
                    .orElse(reported));
        });
        return filters.isEmpty() ? new Document() : and(filters);
    }

    @Override
    public Optional<ThreadRef> thread(EscalationId id) {
        return calls.read(
                "find thread of " + id,
                () -> Optional.ofNullable(escalations
                                .find(eq("_id", id.number()))
                                .projection(Projections.include("thread"))
                                .first())
                        .map(doc -> doc.get("thread", Document.class))
                        .map(EscalationDocuments::thread));
    }

    @Override
    public Optional<String> rootLink(EscalationId id) {
        String known = rootLinks.getIfPresent(id.number());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> stored = calls.read(
                "find root link of " + id,
                () -> Optional.ofNullable(escalations
                                .find(eq("_id", id.number()))
                                .projection(Projections.include(ROOT_LINK))
                                .first())
                        .flatMap(doc -> Optional.ofNullable(doc.getString(ROOT_LINK))));
        stored.ifPresent(link -> rootLinks.put(id.number(), link));
        return stored;
    }

    @Override
    public void keepRootLink(EscalationId id, String link) {
        // a $set on its own field: saves of the escalation set their fields and leave this one alone
        escalations.updateOutsideWorkQueues(id, "keep root link of " + id, Updates.set(ROOT_LINK, link));
        rootLinks.put(id.number(), link);
    }

    @Override
    public Optional<EscalationId> findByMessage(Platform platform, String messageId) {
        return messages.owner(platform, messageId);
    }

    @Override
    public Optional<EscalationId> findByThread(Platform platform, String threadId) {
        return messages.owner(platform, threadId);
    }

    static Bson leaseFree(String untilField, Instant now) {
        return or(eq(untilField, null), lte(untilField, Date.from(now)));
    }

    /**
     * Contention, not failure: another writer got there first. A plain write reports it as a {@link
     * MongoWriteException}, a {@code findAndModify} with an upsert as a {@link com.mongodb.MongoCommandException};
     * both carry the server's code.
     */
    static boolean isDuplicateKey(MongoServerException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
