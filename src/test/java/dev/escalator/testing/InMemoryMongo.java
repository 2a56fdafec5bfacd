package dev.escalator.testing;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.embedded.EmbeddedMongo;
import dev.escalator.store.embedded.IdFirstMemoryBackend;
import java.net.InetSocketAddress;

/** An in-memory mongo-java-server on a free loopback port, for tests; close it when done. */
public final class InMemoryMongo implements AutoCloseable {
    private final MongoServer server;
    private final String uri;

    public InMemoryMongo() {
        this(new MemoryBackend());
    }

    private InMemoryMongo(MongoBackend backend) {
        server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.SERIAL);
        InetSocketAddress address = server.getLocalAddress();
        uri = "mongodb://127.0.0.1:" + address.getPort() + "/escalator";
    }

    /**
     * One that looks a query naming one {@code _id} up in the {@code _id} index, as a real MongoDB and the embedded
     * store do, so that guarded writes do not scan the collection ({@link IdFirstMemoryBackend}).
     */
    public static InMemoryMongo planningOnId() {
        return new InMemoryMongo(new IdFirstMemoryBackend());
    }

    public String uri() {
        return uri;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** A new client connection to this server. */
    public StoreConnection connect() {
        return StoreConnection.connect(uri);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
