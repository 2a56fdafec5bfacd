package dev.escalator.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static dev.escalator.store.EscalationCollection.DELIVERY_OWNER;
import static dev.escalator.store.EscalationCollection.DELIVERY_UNTIL;
import static dev.escalator.store.EscalationCollection.NEXT_STEP_AT;
import static dev.escalator.store.EscalationCollection.OUTBOX_AT;
import static dev.escalator.store.EscalationCollection.STEP_OWNER;
import static dev.escalator.store.EscalationCollection.STEP_UNTIL;

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
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
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
 * On file the entries of {@value #BUCKET} consecutive ids share one document (its {@code _id} the id divided by
 * {@value #BUCKET}, each entry a field {@code e<id>} holding its four times as one string, see {@link #encode}),
 * changed one entry at a time by a {@code $set} or {@code $unset} of that field: mongo-java-server's file decodes every
 * document and every object in it by Java serialization, which was most of the 10 s that 100,000 entries took to load
 * as 100,000 documents of four dates each.
 *
 * <p>Why it exists: mongo-java-server has no secondary indexes, so the indexed queries of {@link IndexedWorkQueues}
 * would scan and decode every escalation ever stored, timelines included, on every poll of the scheduler and of
 * delivery; with 100,000 escalations that alone breaks SPEC §8's one-second target and keeps a core busy when idle.
 * Loading these fields from the escalations themselves took 12-17 s at start with 100,000 open (SPEC §8: ready in 3 s).
 *
 * <p>Why it is safe: the embedded store has exactly one writer, this process (the MVStore file lock refuses a second
 * one), and every write that changes those fields runs through {@link #write} ({@link EscalationCollection} is the
 * one way to write an escalation, and it takes that way), which records the fields the store returned; writes to one escalation are serialized here, so the index applies them in the store's order. The store
 * stays the authority: claims and changes are still guarded writes. When a guard matches nothing, or a write fails,
 * the escalation is read again, so a stale entry costs one refused claim, never a missed step. On file, an
 * escalation's entry is marked dirty before its write and replaced after it; the file commits every change made
 * before a commit, so a write that reached the file has its dirty mark there too if a crash lost the entry that
 * followed it, and start-up reads the dirty ones from their escalations.
 *
 * <p>The bot loads the entries on file while it already serves ({@link #beforeLoad}, {@link WorkQueueLoad}), so its
 * own writes can race the load: an entry the scan read before such a write is older than the write. Each write first
 * records its escalation as written (under the escalation's lock), and the load applies an entry under the same lock
 * only when its escalation is not recorded, so memory always holds the newer of the two. Claims found on file are
 * ended when the load ends, guarded by their owner not being this process.
 *
 * <p>Only the embedded store has this class; a real MongoDB (several replicas) answers the same port from indexes
 * ({@link IndexedWorkQueues}), so the layout here never meets a second writer.
 */
final class LocalWorkQueues implements WorkQueues {
    private static final Logger log = LoggerFactory.getLogger(LocalWorkQueues.class);
    private static final int STRIPES = 64;
    /** Ids per lookup at start, a whole number of buckets (a batch of the scan of buckets holds as many). */
    static final int LOAD_CHUNK = 2_000;
    /** Consecutive ids whose entries share one document on file. */
    static final int BUCKET = 100;
    /**
     * The work-queue fields of each escalation with a step to come or effects waiting, by buckets of {@value #BUCKET}
     * ids: {@code {_id: id / BUCKET, e<id>: "nextStepAt,stepUntil,outboxAt,deliveryUntil"}} (see {@link #encode}),
     * or {@code e<id>: "dirty"} while a write to the escalation is under way.
     */
    static final String COLLECTION = "work_queue_buckets";
    /** The layout before buckets, one document per escalation: dropped with its mark when the buckets are built. */
    private static final String UNBUCKETED = "work_queues";
    /** In the counters collection: present once {@link #COLLECTION} holds every escalation's entry. */
    static final Bson KEPT = eq("_id", COLLECTION);

    private final EscalationCollection escalations;
    private final MongoCollection<Document> kept;
    private final StoreCalls calls;
    private final TimeOrderedQueue steps = new TimeOrderedQueue();
    private final TimeOrderedQueue outboxes = new TimeOrderedQueue();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final MongoCollection<Document> counters;
    /**
     * While a load runs beside the jobs ({@link #loadPending}): the escalations this process wrote since it began,
     * whose entries on file the load must not apply.
     */
    private final Set<Long> writtenDuringLoad = ConcurrentHashMap.newKeySet();

    /** Exact for the same reason as the queues here: this process is the store's one writer (see the class comment). */
    private final DecodedEscalations decoded = DecodedEscalations.keptByTheOnlyWriter();

    private volatile boolean loadPending;

    private LocalWorkQueues(MongoDatabase database, StoreCalls calls) {
        this.escalations = new EscalationCollection(database, calls, this);
        this.kept = database.getCollection(COLLECTION);
        this.counters = database.getCollection(MongoEscalationStore.COUNTERS);
        this.calls = calls;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The {@code _id} of the document on file that holds {@code id}'s entry. */
    static long bucket(long id) {
        return id / BUCKET;
    }

    /** An entry's value while a write to its escalation is under way (see the class comment). */
    static final String DIRTY = "dirty";

    /**
     * An entry's value on file: {@code nextStepAt}, {@code stepUntil}, {@code outboxAt} and {@code deliveryUntil} in
     * epoch milliseconds, comma-separated, each empty when not set. One string is one object to decode, where a
     * document of dates was a dozen.
     */
    static String encode(long nextStepAt, long stepUntil, long outboxAt, long deliveryUntil) {
        return time(nextStepAt) + "," + time(stepUntil) + "," + time(outboxAt) + "," + time(deliveryUntil);
    }

    /** The four times of {@link #encode}, {@link TimeOrderedQueue#NONE} where not set. */
    static long[] decode(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a work-queue entry: " + value);
        }
        var times = new long[4];
        for (int i = 0; i < 4; i++) {
            times[i] = parts[i].isEmpty() ? TimeOrderedQueue.NONE : Long.parseLong(parts[i]);
        }
        return times;
    }

    private static String time(long millis) {
        return millis == TimeOrderedQueue.NONE ? "" : Long.toString(millis);
    }

    /** The field of {@code id}'s entry in its bucket. */
    static String field(long id) {
        return "e" + id;
    }

    /**
     * Builds the index from what the store holds now, before it returns: for a caller that runs nothing meanwhile (the
     * tests, the benchmarks' tools). It reads the kept entries in one scan of their buckets (1,000 documents with
     * 100,000 open), not by {@code _id}: mongo-java-server's file finds a document by {@code _id} through an index whose
     * keys it compares by serializing both, which was most of the load's time. A store written before the entries were
     * kept is read from its escalations once, {@value #LOAD_CHUNK} ids per {@code _id $in} lookup, not in one scan:
     * mongo-java-server answers a query in one piece on its one worker thread, and the driver gives up on a server
     * silent for longer than its connect timeout (2 s) and fails every call in flight; its entries are then written.
     */
    static LocalWorkQueues load(MongoDatabase database, StoreCalls calls) {
        var index = new LocalWorkQueues(database, calls);
        if (index.keptOnFile()) {
            index.loadKept(Optional.empty(), bucket -> {}, () -> false);
        } else {
            index.buildFromEscalations(database);
        }
        return index;
    }

    /**
     * For a start that serves before the index is complete (SPEC §8: ready within 3 s with 100,000 open): on a store
     * whose entries are kept, an index that is empty until {@link #loadKept} fills it, and that takes writes at once;
     * on a store written before they were kept, the whole index now, as {@link #load} builds it (once per store).
     */
    static LocalWorkQueues beforeLoad(MongoDatabase database, StoreCalls calls) {
        var index = new LocalWorkQueues(database, calls);
        if (index.keptOnFile()) {
            index.loadPending = true;
        } else {
            index.buildFromEscalations(database);
        }
        return index;
    }

    /** Whether a {@link #beforeLoad} index still has its entries on file to load. */
    boolean loadPending() {
        return loadPending;
    }

    private boolean keptOnFile() {
        return calls.read("find the kept work queues", () -> counters.find(KEPT).first() != null);
    }

    /**
     * Loads the kept entries into the index, then ends the claims of the process before this one. With {@code owner}
     * (a load while this process already serves) an entry this process wrote since the load began wins over the one on
     * file, which may be older: {@link #write} records each id it writes first, and the load applies an entry under
     * the same lock only when its id is not recorded. A claim ended at the end is one not held by {@code owner}, so a
     * claim this process took meanwhile stays. {@code afterBucket} runs after each bucket is applied; {@code stopping}
     * ends the load early (the process stops), leaving the index as far as it got.
     */
    void loadKept(Optional<String> owner, LongConsumer afterBucket, BooleanSupplier stopping) {
        long started = System.nanoTime();
        var dirty = new ArrayList<Long>();
        // one scan: the server decodes each bucket once and never touches the `_id` index (see load); the batches
        // only bound the size of each answer
        calls.read("load the kept work-queue fields", () -> {
            for (Document bucket : kept.find().batchSize(LOAD_CHUNK / BUCKET)) {
                if (stopping.getAsBoolean()) {
                    throw new CancellationException("the process stops");
                }
                bucket.forEach((field, value) -> {
                    if (field.startsWith("e") && value instanceof String entry) {
                        applyLoaded(Long.parseLong(field.substring(1)), entry, dirty);
                    }
                });
                afterBucket.accept(java.util.Objects.requireNonNull(bucket.get("_id", Number.class), "_id")
                        .longValue());
            }
            return null;
        });
        for (long id : dirty) {
            underLock(id, () -> {
                if (!writtenSinceLoadBegan(id)) {
                    reread(new EscalationId(id));
                }
            });
        }
        int released = endClaimsOfTheProcessBefore(owner);
        loadPending = false;
        writtenDuringLoad.clear();
        log.info(
                "work queues loaded in {} ms from their own collection: {} escalations with a step to come, {} with"
                        + " effects waiting; {} read again after a crash; {} claims of the process before this one"
                        + " ended",
                (System.nanoTime() - started) / 1_000_000,
                steps.size(),
                outboxes.size(),
                dirty.size(),
                released);
    }

    /** One entry from file, unless this process wrote its escalation since the load began (see {@link #loadKept}). */
    private void applyLoaded(long id, String entry, List<Long> dirty) {
        underLock(id, () -> {
            if (writtenSinceLoadBegan(id)) {
                return; // what that write left is in memory, and newer than the file the scan may have read before it
            }
            if (entry.equals(DIRTY)) {
                dirty.add(id);
            } else {
                remember(id, decode(entry));
            }
        });
    }

    private boolean writtenSinceLoadBegan(long id) {
        return loadPending && writtenDuringLoad.contains(id);
    }

    private void underLock(long id, Runnable action) {
        ReentrantLock lock = stripe(id);
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock stripe(long id) {
        return stripes[Math.floorMod(Long.hashCode(id), STRIPES)];
    }

    /** The one-time build on a store written before the entries were kept: from the escalations, then kept. */
    private void buildFromEscalations(MongoDatabase database) {
        long started = System.nanoTime();
        long last = calls.read(
                "find the last escalation id",
                () -> Optional.ofNullable(
                                counters.find(MongoEscalationStore.SEQUENCE).first())
                        .map(counter -> counter.getLong("n"))
                        .orElse(0L));
        forEachChunk(
                last,
                ids -> calls.read("load work-queue fields of ESC-" + ids.getFirst() + " onwards", () -> {
                    escalations.find(in("_id", ids)).projection(FIELDS).forEach(this::remember);
                    return null;
                }));
        keepAll(counters, database);
        int released = endClaimsOfTheProcessBefore(Optional.empty());
        log.info(
                "work queues loaded in {} ms from the escalations (once: kept from now on): {} escalations with a step"
                        + " to come, {} with effects waiting; {} claims of the process before this one ended",
                (System.nanoTime() - started) / 1_000_000,
                steps.size(),
                outboxes.size(),
                released);
    }

    private static void forEachChunk(long last, Consumer<List<Long>> chunk) {
        for (long from = 1; from <= last; from += LOAD_CHUNK) {
            chunk.accept(LongStream.rangeClosed(from, Math.min(from + LOAD_CHUNK - 1, last))
                    .boxed()
                    .toList());
        }
    }

    /**
     * Writes every entry in memory to {@link #COLLECTION}, drops the layout before buckets, then writes the mark that
     * the buckets are complete: once, on an old store. A crash before the mark leaves a store that does this again.
     */
    private void keepAll(MongoCollection<Document> counters, MongoDatabase database) {
        var ids = new java.util.TreeSet<Long>(steps.ids());
        ids.addAll(outboxes.ids());
        var buckets = new java.util.TreeMap<Long, Document>();
        for (long id : ids) {
            buckets.computeIfAbsent(bucket(id), b -> new Document("_id", b))
                    .append(field(id), entry(id).orElseThrow());
        }
        var batch = new ArrayList<Document>();
        for (Document bucket : buckets.values()) {
            batch.add(bucket);
            if (batch.size() * BUCKET == LOAD_CHUNK) {
                insert(batch);
            }
        }
        insert(batch);
        calls.alongside("drop the work queues kept one document per escalation", () -> {
            // dropped only when there: the embedded server logs the drop of a missing collection as an error with its
            // stack trace, which every first start on a new store then showed
            if (database.listCollectionNames().filter(eq("name", UNBUCKETED)).first() != null) {
                database.getCollection(UNBUCKETED).drop();
            }
            // and their mark: a version that kept them, started on this store, then builds them again
            return counters.deleteOne(eq("_id", UNBUCKETED));
        });
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
     * that may have gone out unrecorded is looked for before it is made again. With {@code owner} (this process, which
     * may have taken claims while the load ran) a claim it holds is left alone.
     */
    private int endClaimsOfTheProcessBefore(Optional<String> owner) {
        int ended = 0;
        for (long id : steps.claimed()) {
            ended += endClaim(id, STEP_OWNER, STEP_UNTIL, owner) ? 1 : 0;
        }
        for (long id : outboxes.claimed()) {
            ended += endClaim(id, DELIVERY_OWNER, DELIVERY_UNTIL, owner) ? 1 : 0;
        }
        return ended;
    }

    private boolean endClaim(long id, String ownerField, String untilField, Optional<String> owner) {
        Bson claimed = and(eq("_id", id), ne(untilField, null));
        Bson guard = owner.map(self -> and(claimed, ne(ownerField, self))).orElse(claimed);
        return escalations
                .update(
                        new EscalationId(id),
                        "end the claim of the process before this one on ESC-" + id,
                        guard,
                        Updates.set(untilField, Date.from(Instant.EPOCH)))
                .isPresent();
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
    public DecodedEscalations decoded() {
        return decoded;
    }

    @Override
    public Optional<Document> write(EscalationId id, Supplier<Optional<Document>> write) {
        ReentrantLock lock = stripe(id.number());
        lock.lock();
        try {
            if (loadPending) {
                // first: from here on the load leaves this escalation's entry on file alone (see loadKept)
                writtenDuringLoad.add(id.number());
            }
            // before the write: a commit that takes the write takes this too (see the class comment)
            calls.alongside(
                    "mark work-queue fields of " + id + " dirty",
                    () -> kept.updateOne(
                            eq("_id", bucket(id.number())),
                            Updates.set(field(id.number()), DIRTY),
                            new UpdateOptions().upsert(true)));
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
        Optional<String> entry = entry(id);
        try {
            calls.alongside("keep work-queue fields of ESC-" + id, () -> {
                if (entry.isEmpty()) {
                    // nothing to come: resolved, nothing to post
                    return kept.updateOne(eq("_id", bucket(id)), Updates.unset(field(id)));
                }
                return kept.updateOne(
                        eq("_id", bucket(id)), Updates.set(field(id), entry.get()), new UpdateOptions().upsert(true));
            });
        } catch (StoreUnavailableException e) {
            // the write itself is done; its entry stays marked dirty on file, and the next start reads it again
        }
    }

    private void remember(Document doc) {
        remember(doc.getLong("_id"), doc);
    }

    private void remember(long id, long[] times) {
        steps.put(id, times[0], times[1]);
        outboxes.put(id, times[2], times[3]);
    }

    private void remember(long id, Document doc) {
        steps.put(id, millis(doc, NEXT_STEP_AT), millis(doc, STEP_UNTIL));
        outboxes.put(id, millis(doc, OUTBOX_AT), millis(doc, DELIVERY_UNTIL));
    }

    /** What memory holds for {@code id}, as kept on file: the fields that are set. */
    private Optional<String> entry(long id) {
        Optional<long[]> step = steps.entry(id);
        Optional<long[]> outbox = outboxes.entry(id);
        if (step.isEmpty() && outbox.isEmpty()) {
            return Optional.empty();
        }
        long none = TimeOrderedQueue.NONE;
        long[] s = step.orElse(new long[] {none, none});
        long[] o = outbox.orElse(new long[] {none, none});
        return Optional.of(encode(s[0], s[1], o[0], o[1]));
    }

    private void forget(long id) {
        steps.put(id, TimeOrderedQueue.NONE, TimeOrderedQueue.NONE);
        outboxes.put(id, TimeOrderedQueue.NONE, TimeOrderedQueue.NONE);
        calls.alongside(
                "forget work-queue fields of ESC-" + id,
                () -> kept.updateOne(eq("_id", bucket(id)), Updates.unset(field(id))));
    }

    private static long millis(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? TimeOrderedQueue.NONE : date.toInstant().toEpochMilli();
    }
}
