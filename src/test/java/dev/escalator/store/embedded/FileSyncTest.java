package dev.escalator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power loss cannot be simulated here, so this proves the step that survives one: the file is synced (fsync) after
 * the commit that holds a write, and before {@link EmbeddedMongo#commit} lets its writer confirm the write.
 */
class FileSyncTest {
    @TempDir
    Path dataDir;

    final List<String> syncs = new CopyOnWriteArrayList<>();

    @Test
    void aWriteIsCommittedAndSyncedToTheDiskBeforeItsWriterIsToldItHappened() {
        // the store's version when the write returned; a commit moves the version on, so a sync that sees a later
        // version syncs a commit that holds the write (MVStore's own background commits may come in between: they too)
        var writtenIn = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        try (var embedded = EmbeddedMongo.start(dataDir, store -> {
                    if (writtenIn.get() != Long.MAX_VALUE) {
                        syncs.add(
                                store.getCurrentVersion() > writtenIn.get()
                                        ? "sync after commit"
                                        : "sync before commit");
                    }
                    store.sync();
                });
                var client = MongoClients.create(embedded.connectionString())) {
            var notes = client.getDatabase("escalator").getCollection("notes");
            notes.insertOne(new Document("_id", 1).append("text", "rolled back"));

            notes.insertOne(new Document("_id", 2).append("text", "paged the vendor"));
            writtenIn.set(embedded.mvStore().getCurrentVersion());
            embedded.commit(); // what the store runs after every write, before the write's caller returns

            assertThat(syncs).containsExactly("sync after commit");
        }
    }

    @Test
    void concurrentWritersShareSyncsAndEachReturnsOnlyAfterOneCoveringItsWrite() throws Exception {
        var count = new AtomicInteger();
        var written = new AtomicInteger();
        var synced = new AtomicInteger(); // the number of writes done before the last sync started
        var early = new AtomicInteger();
        int writers = 64;
        try (var embedded = EmbeddedMongo.start(dataDir, store -> {
                    count.incrementAndGet();
                    int upTo = written.get();
                    store.sync();
                    synced.accumulateAndGet(upTo, Math::max);
                });
                var client = MongoClients.create(embedded.connectionString())) {
            var notes = client.getDatabase("escalator").getCollection("notes");
            count.set(0);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    int id = i;
                    pool.submit(() -> {
                        notes.insertOne(new Document("_id", id));
                        int mine = written.incrementAndGet();
                        embedded.commit();
                        if (synced.get() < mine) {
                            early.incrementAndGet();
                        }
                    });
                }
            }
        }

        assertThat(early.get()).isZero();
        assertThat(count.get()).isBetween(1, writers);
    }

    /**
     * The file is a {@code FileChannel}, closed for good when a thread using it is interrupted; writers are interrupted
     * (an HTTP request abandoned at shutdown). Seen failing with the commit run on the writer's thread: the interrupted
     * sync closed the file and every later write failed with "This store is closed".
     */
    @Test
    void aWriterInterruptedWhileItsWriteIsSyncedLeavesTheStoreWorking() throws Exception {
        var syncing = new CountDownLatch(1);
        var mayFinish = new CountDownLatch(1);
        try (var embedded = EmbeddedMongo.start(dataDir, store -> {
                    syncing.countDown();
                    try {
                        mayFinish.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    store.sync();
                });
                var client = MongoClients.create(embedded.connectionString())) {
            var notes = client.getDatabase("escalator").getCollection("notes");
            notes.insertOne(new Document("_id", 1).append("text", "before"));
            var interruptedAfterCommit = new AtomicInteger();
            var writer = new Thread(() -> {
                embedded.commit();
                if (Thread.currentThread().isInterrupted()) {
                    interruptedAfterCommit.incrementAndGet();
                }
            });
            writer.start();
            syncing.await();
            writer.interrupt();
            mayFinish.countDown();
            writer.join(10_000);

            assertThat(interruptedAfterCommit.get())
                    .as("the writer still sees its interrupt")
                    .isEqualTo(1);
            notes.insertOne(new Document("_id", 2).append("text", "after"));
            embedded.commit();
            assertThat(embedded.failed()).isFalse();
            assertThat(notes.countDocuments()).isEqualTo(2);
        }
    }
}
