package dev.escalator.store.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.size;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import dev.escalator.testing.Fixtures;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backend with {@code _id}-first planning answers every query exactly as the mongo-java-server backend it extends,
 * {@code _id} or not: the shapes of the store's guarded writes and claims, and queries it must leave to the server.
 */
abstract class IdFirstBackendContract {
    private static final Instant NOW = Fixtures.T0;

    private final List<AutoCloseable> open = new ArrayList<>();
    private MongoCollection<Document> plain;
    private MongoCollection<Document> idFirst;

    /** The backend as mongo-java-server ships it. */
    abstract MongoBackend plainBackend();

    /** The same backend with {@code _id}-first planning. */
    abstract MongoBackend idFirstBackend();

    @BeforeEach
    void start() {
        plain = serve(plainBackend());
        idFirst = serve(idFirstBackend());
        for (long id = 1; id <= 5; id++) {
            var doc = new Document("_id", id)
                    .append("version", id % 2)
                    .append("owner", id == 3 ? "a" : null)
                    .append("nextStepAt", Date.from(NOW.plusSeconds(id - 3)))
                    .append("stepUntil", id == 2 ? Date.from(NOW.plusSeconds(30)) : null)
                    .append("outbox", id == 4 ? List.of() : List.of(new Document("id", id * 10)));
            plain.insertOne(doc);
            idFirst.insertOne(doc);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    static Stream<Bson> queries() {
        Date now = Date.from(NOW);
        return Stream.of(
                eq("_id", 3L),
                and(eq("_id", 3L), eq("version", 1L)),
                and(eq("_id", 3L), eq("version", 0L)),
                and(eq("_id", 9L), eq("version", 1L)),
                and(eq("_id", 3L), or(eq("owner", null), lte("version", 0L))),
                and(eq("_id", 2L), or(eq("owner", null), lte("version", 0L))),
                and(eq("_id", 3), eq("owner", "a")),
                and(eq("_id", 3L), eq("owner", "a"), eq("outbox.id", 30L)),
                and(eq("_id", 4L), eq("owner", null), size("outbox", 0)),
                and(eq("_id", 1L), lte("nextStepAt", now), or(eq("stepUntil", null), lte("stepUntil", now))),
                and(eq("_id", 2L), lte("nextStepAt", now), or(eq("stepUntil", null), lte("stepUntil", now))),
                and(eq("_id", 5L), lte("nextStepAt", now), or(eq("stepUntil", null), lte("stepUntil", now))),
                and(in("_id", 1L, 3L), eq("version", 1L)),
                and(eq("version", 1L), and(eq("owner", "a"), eq("_id", 3L))),
                new Document("_id", 3L).append("version", 1L),
                new Document("_id", 4L).append("version", 1L),
                new Document("_id", new Document("$gte", 2L)).append("version", 1L),
                Filters.lte("version", 1L));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void findsWhatThePlainBackendFinds(Bson query) {
        assertThat(idFirst.find(query).into(new ArrayList<>()))
                .isEqualTo(plain.find(query).into(new ArrayList<>()));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void updatesWhatThePlainBackendUpdates(Bson query) {
        var options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        Bson update = Updates.set("owner", "b");

        assertThat(idFirst.findOneAndUpdate(query, update, options))
                .isEqualTo(plain.findOneAndUpdate(query, update, options));
        assertThat(idFirst.updateMany(query, Updates.inc("version", 10L)).getModifiedCount())
                .isEqualTo(plain.updateMany(query, Updates.inc("version", 10L)).getModifiedCount());
        assertThat(idFirst.find().into(new ArrayList<>()))
                .isEqualTo(plain.find().into(new ArrayList<>()));
    }

    private MongoCollection<Document> serve(MongoBackend backend) {
        var server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.SERIAL);
        open.add(server::shutdownNow);
        MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        open.add(client);
        return client.getDatabase("escalator").getCollection("escalations");
    }
}
