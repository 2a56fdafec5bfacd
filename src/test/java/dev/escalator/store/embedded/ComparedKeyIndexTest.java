package dev.escalator.store.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's unique indexes compare keys by value, and a file whose indexes were written in the library's
 * order (by mongo-java-server's own backend, as every Escalator before this index did) opens with every key found and
 * still unique: its indexes are rebuilt.
 */
class ComparedKeyIndexTest {
    private static final int DOCUMENTS = 100;

    @TempDir
    Path dataDir;

    @Test
    void aFileWhoseIndexesTheLibrarysBackendWroteOpensWithEveryKeyFoundAndUnique() {
        withPlainBackend(inbox -> {
            for (int i = 0; i < DOCUMENTS; i++) {
                inbox.insertOne(new Document("_id", "slack:Ev" + i).append("version", i % 3));
            }
            inbox.deleteOne(eq("_id", "slack:Ev7"));
        });

        withEmbeddedBackend(inbox -> {
            for (int i = 0; i < DOCUMENTS; i++) {
                String id = "slack:Ev" + i;
                assertThat(inbox.find(eq("_id", id)).first())
                        .as(id)
                        .isEqualTo(i == 7 ? null : new Document("_id", id).append("version", i % 3));
                assertThat(inbox.find(and(eq("_id", id), eq("version", i % 3))).first())
                        .as("through the _id index with a guard: " + id)
                        .isEqualTo(i == 7 ? null : new Document("_id", id).append("version", i % 3));
            }
            assertThat(duplicateKey(inbox, "slack:Ev42")).isTrue();
            assertThat(duplicateKey(inbox, "slack:Ev7"))
                    .as("deleted before, so free")
                    .isFalse();
        });
        assertThat(mapNames())
                .as("the library's index maps are gone, ours are there")
                .noneMatch(name -> name.contains("._index_") && !name.endsWith(ComparedKeyIndex.SUFFIX))
                .anyMatch(name -> name.equals("escalator.inbox._index__id_" + ComparedKeyIndex.SUFFIX));
    }

    @Test
    void theLibrarysBackendStillOpensAFileWrittenHereAndWhatItWroteIsFoundAfterwards() {
        withEmbeddedBackend(inbox -> {
            for (int i = 0; i < DOCUMENTS; i++) {
                inbox.insertOne(new Document("_id", "slack:Ev" + i));
            }
        });

        withPlainBackend(inbox -> {
            assertThat(inbox.find(eq("_id", "slack:Ev42")).first()).isNotNull();
            assertThat(duplicateKey(inbox, "slack:Ev42")).isTrue();
            inbox.insertOne(new Document("_id", "written by the library's backend"));
            inbox.deleteOne(eq("_id", "slack:Ev43"));
        });

        withEmbeddedBackend(inbox -> {
            assertThat(inbox.find(eq("_id", "written by the library's backend")).first())
                    .isNotNull();
            assertThat(duplicateKey(inbox, "written by the library's backend")).isTrue();
            assertThat(inbox.find(eq("_id", "slack:Ev43")).first()).isNull();
            assertThat(duplicateKey(inbox, "slack:Ev43")).isFalse();
            assertThat(inbox.countDocuments()).as("one written, one deleted").isEqualTo(DOCUMENTS);
        });
    }

    @Test
    void aDroppedCollectionMadeAgainTakesTheSameKeys() {
        withEmbeddedBackend(inbox -> {
            inbox.insertOne(new Document("_id", "slack:Ev1"));
            inbox.drop();
            inbox.insertOne(new Document("_id", "slack:Ev1"));
            inbox.updateOne(eq("_id", "slack:Ev1"), Updates.set("done", true));

            assertThat(inbox.find(eq("_id", "slack:Ev1")).first())
                    .isEqualTo(new Document("_id", "slack:Ev1").append("done", true));
        });
        withEmbeddedBackend(inbox -> assertThat(inbox.countDocuments()).isEqualTo(1));
    }

    @Test
    void keysOfEveryKindAreOrderedOneWayAndEqualOnlyWhenEqual() {
        List<Object> values = List.of(
                "a",
                "b",
                "",
                "ESC-10",
                "ESC-9",
                1L,
                2L,
                1.5,
                -3L,
                true,
                false,
                Instant.parse("2026-12-07T12:00:00Z"),
                new de.bwaldvogel.mongo.bson.Document("n", 1),
                new de.bwaldvogel.mongo.bson.Document("n", 2),
                new de.bwaldvogel.mongo.bson.ObjectId(),
                Missing.getInstance());
        var keys = new ArrayList<KeyValue>();
        for (Object value : values) {
            keys.add(new KeyValue(value));
            keys.add(new KeyValue(value, "second"));
        }
        keys.add(new KeyValue(new ArrayList<>(java.util.Collections.singletonList(null))));

        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = Integer.signum(IndexKeyType.INSTANCE.compare(a, b));
                assertThat(ab).as("%s vs %s", a, b).isEqualTo(-Integer.signum(IndexKeyType.INSTANCE.compare(b, a)));
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                for (KeyValue c : keys) {
                    if (ab < 0 && IndexKeyType.INSTANCE.compare(b, c) < 0) {
                        assertThat(IndexKeyType.INSTANCE.compare(a, c))
                                .as("%s < %s < %s", a, b, c)
                                .isNegative();
                    }
                }
            }
        }
    }

    private static boolean duplicateKey(MongoCollection<Document> inbox, String id) {
        var error = catchThrowableOfType(
                MongoWriteException.class, () -> inbox.insertOne(new Document("_id", id).append("again", true)));
        if (error == null) {
            inbox.deleteOne(eq("_id", id));
            return false;
        }
        return error.getCode() == 11000;
    }

    private List<String> mapNames() {
        MVStore store = new MVStore.Builder().fileName(file()).open();
        try {
            return List.copyOf(store.getMapNames());
        } finally {
            store.close();
        }
    }

    private String file() {
        return dataDir.resolve(EmbeddedMongo.FILE_NAME).toString();
    }

    private void withPlainBackend(Consumer<MongoCollection<Document>> work) {
        serve(new H2Backend(file()), work);
    }

    private void withEmbeddedBackend(Consumer<MongoCollection<Document>> work) {
        serve(new IdFirstH2Backend(new MVStore.Builder().fileName(file()).open()), work);
    }

    private static void serve(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        var server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.SERIAL);
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            work.accept(client.getDatabase("escalator").getCollection("inbox"));
        } finally {
            server.shutdown();
        }
    }
}
