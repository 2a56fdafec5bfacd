package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.escalator.core.EscalationId;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.schedule.DueStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WorkQueues on the embedded store, answered from memory: per escalation its {@code nextStepAt}, {@code outboxAt} and
 * the ends of its claims, in two sorted queues, kept current by every write that changes them and kept on file in a
 * small collection of their own ({@value #COLLECTION}), from which start-up loads them without decoding escalations.
 *
 * <p>Why it exists: mongo-java-server has no secondary indexes, so the indexed queries of {@link IndexedWorkQueues}
 * would scan and decode every escalation ever stored, timelines included, on every poll of the scheduler and of
 * delivery; with 100,000 escalations that alone breaks SPEC §8's one-second target and keeps a core busy when idle.
 * Loading these fields from the escalations themselves took 12-17 s at start with 100,000 open (SPEC §8: ready in 3 s).
 *
 * <p>Why it is safe: the embedded store has exactly one writer, this process (the MVStore file lock refuses a second
 * one), and every write that changes those fields runs through {@link #write}, which records the fields the store
 * returned; writes to one escalation are serialized here, so the index applies them in the store's order. The store
 * stays the authority: claims and changes are still guarded writes. When a guard matches nothing, or a write fails,
 * the escalation is read again, so a stale entry costs one refused claim, never a missed step. On file, an
 * escalation's entry is marked dirty before its write and replaced after it; the file commits every change made
 * before a commit, so a write that reached the file has its dirty mark there too if a crash lost the entry that
 * followed it, and start-up reads the dirty ones from their escalations.
 */
final class LocalWorkQueues implements WorkQueues {
    private static final Logger log = LoggerFactory.getLogger(LocalWorkQueues.class);
    private static final int STRIPES = 64;
    static final int LOAD_CHUNK = 1_000;
    /** The work-queue fields of each escalation with a step to come or effects waiting, {@code _id} its number. */
    static final String COLLECTION = "work_queues";
    /** In the counters collection: present once {@link #COLLECTION} holds every escalation's entry. */
    static final Bson KEPT = eq("_id", COLLECTION);

    private final MongoCollection<Document> escalations;
    private final MongoCollection<Document> kept;
    private final StoreCalls calls;
    private final TimeOrderedQueue steps = new TimeOrderedQueue();
    private final TimeOrderedQueue outboxes = new TimeOrderedQueue();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private LocalWorkQueues(MongoDatabase database, StoreCalls calls) {
        this.escalations = database.getCollection(MongoEscalationStore.COLLECTION);
        this.kept = database.getCollection(COLLECTION);
        this.calls = calls;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Builds the index from what the store holds now; before any job runs. It reads the kept entries of every
     * escalation the ESC-n sequence has issued, {@value #LOAD_CHUNK} ids per {@code _id $in} lookup, not in one scan:
     * mongo-java-server answers a query in one piece on its one worker thread, and the driver gives up on a server
     * silent for longer than its connect timeout (2 s) and fails every call in flight. A store written before the
     * entries were kept is read from its escalations once, and its entries written.
     */
    static LocalWorkQueues load(MongoDatabase database, StoreCalls calls) {
        var index = new LocalWorkQueues(database, calls);
        long started = System.nanoTime();
        MongoCollection<Document> counters = database.getCollection(MongoEscalationStore.COUNTERS);
        long last = calls.read(
                "find the last escalation id",
                () -> Optional.ofNullable(
                                counters.find(MongoEscalationStore.SEQUENCE).first())
                        .map(counter -> counter.getLong("n"))
                        .orElse(0L));
        boolean kept = calls.read(
                "find the kept work queues", () -> counters.find(KEPT).first() != null);
        var dirty = new ArrayList<Long>();
        forEachChunk(
                last,
                ids -> calls.read("load work-queue fields of ESC-" + ids.getFirst() + " onwards", () -> {
                    if (kept) {
                        index.kept.find(in("_id", ids)).forEach(doc -> {
                            if (doc.getBoolean("dirty", false)) {
                                dirty.add(doc.getLong("_id"));
                            } else {
                                index.remember(doc);
                            }
                        });
                    } else {
                        index.escalations
                                .find(in("_id", ids))
                                .projection(FIELDS)
                                .forEach(index::remember);
                    }
                    return null;
                }));
        dirty.forEach(id -> index.reread(new EscalationId(id)));
        if (!kept) {
            index.keepAll(counters);
        }
        int released = index.endClaimsOfTheProcessBefore();
        log.info(
                "work queues loaded in {} ms from {}: {} escalations with a step to come, {} with effects waiting;"
                        + " {} read again after a crash; {} claims of the process before this one ended",
                (System.nanoTime() - started) / 1_000_000,
                kept ? "their own collection" : "the escalations (once: kept from now on)",
                index.steps.size(),
                index.outboxes.size(),
                dirty.size(),
                released);
        return index;
    }

    private static void forEachChunk(long last, Consumer<List<Long>> chunk) {
        for (long from = 1; from <= last; from += LOAD_CHUNK) {
            chunk.accept(LongStream.rangeClosed(from, Math.min(from + LOAD_CHUNK - 1, last))
                    .boxed()
                    .toList());
        }
    }

    /** Writes every entry in memory to {@link #COLLECTION}, then the mark that it is complete: once, on an old store. */
    private void keepAll(MongoCollection<Document> counters) {
        var ids = new java.util.TreeSet<Long>(steps.ids());
        ids.addAll(outboxes.ids());
        var batch = new ArrayList<Document>();
        for (long id : ids) {
            batch.add(entry(id));
            if (batch.size() == LOAD_CHUNK) {
                insert(batch);
            }
        }
        insert(batch);
        calls.write(
                "mark the work queues kept",
                () -> counters.replaceOne(KEPT, new Document("_id", COLLECTION), new ReplaceOptions().upsert(true)));
    }

    private void insert(List<Document> batch) {
        if (!batch.isEmpty()) {
            List<Document> copy = List.copyOf(batch);
            calls.alongside("keep work-queue fields", () -> {
                kept.deleteMany(
                        in("_id", copy.stream().map(doc -> doc.get("_id")).toList()));
                return kept.insertMany(copy);
            });
            batch.clear();
        }
    }

    /**
     * Ends every claim found at start (SPEC §8): the store's file lock says this process is its only writer, so any
     * claim in it was left by a process that is gone, and waiting for its lease would only make its steps and posts
     * late. A claim's end is set to the epoch, its owner kept: a delivery claim taken over still says so, and the post
     * that may have gone out unrecorded is looked for before it is made again.
     */
    private int endClaimsOfTheProcessBefore() {
        int ended = 0;
        for (long id : steps.claimed()) {
            endClaim(id, "stepUntil");
            ended++;
        }
        for (long id : outboxes.claimed()) {
            endClaim(id, "deliveryUntil");
            ended++;
        }
        return ended;
    }

    private void endClaim(long id, String untilField) {
        write(
                new EscalationId(id),
                () -> calls.write(
                        "end the claim of the process before this one on ESC-" + id,
                        () -> Optional.ofNullable(escalations.findOneAndUpdate(
                                and(eq("_id", id), ne(untilField, null)),
                                Updates.set(untilField, new Date(0)),
                                WorkQueues.returningFields()))));
    }

    @Override
    public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
        return steps.readyBy(horizon.toEpochMilli(), now.toEpochMilli(), limit).stream()
                .map(slot -> new DueStep(new EscalationId(slot.id()), Instant.ofEpochMilli(slot.at())))
                .toList();
    }

    @Override
    public List<EscalationId> waiting(Instant now, int limit) {
        return outboxes.readyBy(now.toEpochMilli(), now.toEpochMilli(), limit).stream()
                .map(slot -> new EscalationId(slot.id()))
                .toList();
    }

    @Override
    public Optional<Document> write(EscalationId id, Supplier<Optional<Document>> write) {
        ReentrantLock lock = stripes[Math.floorMod(Long.hashCode(id.number()), STRIPES)];
        lock.lock();
        try {
            // before the write: a commit that takes the write takes this too (see the class comment)
            calls.alongside(
                    "mark work-queue fields of " + id + " dirty",
                    () -> kept.updateOne(
                            eq("_id", id.number()), Updates.set("dirty", true), new UpdateOptions().upsert(true)));
            Optional<Document> after;
            try {
                after = write.get();
            } catch (RuntimeException e) {
                reread(id); // the write may or may not have happened
                throw e;
            }
            after.ifPresentOrElse(this::record, () -> reread(id));
            return after;
        } finally {
            lock.unlock();
        }
    }

    /**
     * From memory: every unresolved escalation has a {@code nextStepAt} (its stale reminder at the latest) and a
     * resolved one has none, so the escalations with a step to come are the unresolved ones. No scan of the store,
     * which on mongo-java-server would decode every escalation in one piece and could outlast the driver's timeout.
     */
    @Override
    public long unresolved() {
        return steps.size();
    }

    private void reread(EscalationId id) {
        try {
            Optional<Document> stored = calls.read(
                    "reread work-queue fields of " + id,
                    () -> Optional.ofNullable(escalations
                            .find(eq("_id", id.number()))
                            .projection(FIELDS)
                            .first()));
            stored.ifPresentOrElse(this::record, () -> forget(id.number()));
        } catch (RuntimeException e) {
            // unknown now: offer it as ready, so the next guarded claim, refused or not, puts it right
            steps.put(id.number(), 0, TimeOrderedQueue.NONE);
            outboxes.put(id.number(), 0, TimeOrderedQueue.NONE);
        }
    }

    /** Remembers the fields {@code doc} holds, in memory and on file. */
    private void record(Document doc) {
        remember(doc);
        long id = doc.getLong("_id");
        Document entry = entry(id);
        try {
            calls.alongside("keep work-queue fields of ESC-" + id, () -> {
                if (entry.size() == 1) {
                    return kept.deleteOne(eq("_id", id)); // nothing to come: resolved, nothing to post
                }
                return kept.replaceOne(eq("_id", id), entry, new ReplaceOptions().upsert(true));
            });
        } catch (StoreUnavailableException e) {
            // the write itself is done; its entry stays marked dirty on file, and the next start reads it again
        }
    }

    private void remember(Document doc) {
        long id = doc.getLong("_id");
        steps.put(id, millis(doc, "nextStepAt"), millis(doc, "stepUntil"));
        outboxes.put(id, millis(doc, "outboxAt"), millis(doc, "deliveryUntil"));
    }

    /** What memory holds for {@code id}, as kept on file: {@code _id} and the fields that are set. */
    private Document entry(long id) {
        var entry = new Document("_id", id);
        steps.entry(id).ifPresent(times -> {
            entry.append("nextStepAt", new Date(times[0]));
            if (times[1] != TimeOrderedQueue.NONE) {
                entry.append("stepUntil", new Date(times[1]));
            }
        });
        outboxes.entry(id).ifPresent(times -> {
            entry.append("outboxAt", new Date(times[0]));
            if (times[1] != TimeOrderedQueue.NONE) {
                entry.append("deliveryUntil", new Date(times[1]));
            }
        });
        return entry;
    }

    private void forget(long id) {
        steps.put(id, TimeOrderedQueue.NONE, TimeOrderedQueue.NONE);
        outboxes.put(id, TimeOrderedQueue.NONE, TimeOrderedQueue.NONE);
        calls.alongside("forget work-queue fields of ESC-" + id, () -> kept.deleteOne(eq("_id", id)));
    }

    private static long millis(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? TimeOrderedQueue.NONE : date.getTime();
    }
}
