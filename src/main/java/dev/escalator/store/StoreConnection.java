package dev.escalator.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.escalator.store.embedded.EmbeddedMongo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open connection to the store: a real MongoDB when a URI is given, else the embedded server. Timeouts are a few
 * seconds, not the driver's 30 s, so that a user hears "try again" within Slack's and Discord's 3 s budget's reach and
 * readiness turns false quickly.
 */
public final class StoreConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreConnection.class);
    static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(2);

    private final MongoClient client;
    private final MongoDatabase database;
    private final StoreCalls calls;
    private final Optional<EmbeddedMongo> embedded;

    private StoreConnection(
            MongoClient client, MongoDatabase database, StoreCalls calls, Optional<EmbeddedMongo> embedded) {
        this.client = client;
        this.database = database;
        this.calls = calls;
        this.embedded = embedded;
    }

    /** Connects to {@code mongoUri}, or starts the embedded store in {@code dataDir} when there is none. */
    public static StoreConnection open(Optional<String> mongoUri, Path dataDir) {
        if (mongoUri.isPresent()) {
            var uri = new ConnectionString(mongoUri.get());
            log.info("store: MongoDB at {} (database {})", String.join(",", uri.getHosts()), databaseName(uri));
            return connect(uri, StoreCalls.direct(), Optional.empty());
        }
        EmbeddedMongo embedded = EmbeddedMongo.start(dataDir);
        log.info("store: embedded, data in {} (set MONGODB_URI to use a MongoDB server)", embedded.file());
        return over(embedded);
    }

    /** Connects to an embedded store already started; closing the connection stops it. */
    public static StoreConnection over(EmbeddedMongo embedded) {
        return connect(
                new ConnectionString(embedded.connectionString()),
                new StoreCalls(embedded::commit),
                Optional.of(embedded));
    }

    /** Connects to {@code mongoUri} with {@code calls} in the way (tests: a store whose writes cannot be kept). */
    static StoreConnection connect(String mongoUri, StoreCalls calls) {
        return connect(new ConnectionString(mongoUri), calls, Optional.empty());
    }

    /** Connects to a server that keeps data itself (tests against an in-memory mongo-java-server use this too). */
    public static StoreConnection connect(String mongoUri) {
        return connect(new ConnectionString(mongoUri), StoreCalls.direct(), Optional.empty());
    }

    private static StoreConnection connect(ConnectionString uri, StoreCalls calls, Optional<EmbeddedMongo> embedded) {
        MongoClient client = MongoClients.create(settings(uri));
        MongoDatabase database = client.getDatabase(databaseName(uri));
        return new StoreConnection(client, database, calls, embedded);
    }

    /** The driver's settings for {@code uri}: what a write's confirmation means, and how long a call may take. */
    static MongoClientSettings settings(ConnectionString uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applicationName("escalator")
                .applyToClusterSettings(cluster ->
                        cluster.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS))
                // a confirmed step must survive a primary failover: majority unless the URI says otherwise
                .writeConcern(uri.getWriteConcern() != null ? uri.getWriteConcern() : WriteConcern.MAJORITY)
                .retryWrites(uri.getRetryWritesValue() == null || uri.getRetryWritesValue())
                .build();
    }

    private static String databaseName(ConnectionString uri) {
        return uri.getDatabase() != null ? uri.getDatabase() : "escalator";
    }

    public MongoDatabase database() {
        return database;
    }

    public StoreCalls calls() {
        return calls;
    }

    /** True for the embedded store: mongo-java-server in this process, the only writer of its file. */
    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** True when the store answers a ping now. Readiness asks more: that it writes ({@link WriteHeartbeat}). */
    public boolean reachable() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    /**
     * True when the embedded store's file failed (a full disk, an I/O error) and the store closed itself: it takes no
     * write again in this process. Never true for a MongoDB server, which recovers on its own.
     */
    public boolean lost() {
        return embedded.map(EmbeddedMongo::failed).orElse(false);
    }

    @Override
    public void close() {
        client.close();
        embedded.ifPresent(EmbeddedMongo::close);
    }
}
