package dev.escalator.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** An in-memory mongo-java-server on a free loopback port, for tests; close it when done. */
final class MongoServers implements AutoCloseable {
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri;

    MongoServers() {
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.SERIAL);
        InetSocketAddress address = server.getLocalAddress();
        uri = "mongodb://127.0.0.1:" + address.getPort() + "/escalator";
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
