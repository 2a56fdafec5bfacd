package dev.escalator.store;

import dev.escalator.testing.InMemoryMongo;

/** The store contract on mongo-java-server's in-memory backend, reached over the wire like a real MongoDB. */
class InMemoryServerStoreTest extends EscalationStoreContract {
    private InMemoryMongo server;
    private StoreConnection connection;

    @Override
    StoreConnection connect() {
        server = new InMemoryMongo();
        connection = StoreConnection.connect(server.uri());
        return connection;
    }

    @Override
    void disconnect() {
        connection.close();
        server.close();
    }
}
