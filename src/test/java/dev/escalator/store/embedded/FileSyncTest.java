package dev.escalator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        try (var embedded = EmbeddedMongo.start(dataDir, store -> {
                    syncs.add(store.hasUnsavedChanges() ? "sync before commit" : "sync after commit");
                    store.sync();
                });
                var client = MongoClients.create(embedded.connectionString())) {
            var notes = client.getDatabase("escalator").getCollection("notes");
            notes.insertOne(new Document("_id", 1).append("text", "rolled back"));
            syncs.clear(); // the server's own start-up writes

            notes.insertOne(new Document("_id", 2).append("text", "paged the vendor"));
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
}
