package dev.escalator.store;

import java.time.Clock;

/** The store's ports over one connection, with their indexes created: what the bot wires in at start-up. */
public record Stores(
        MongoEscalationStore escalations, MongoStepQueue steps, MongoOutbox outbox, MongoInboundEvents inbound) {

    public static Stores over(StoreConnection connection, Clock clock) {
        var messages = new PostedMessages(connection.database(), connection.calls());
        var stores = new Stores(
                new MongoEscalationStore(connection.database(), connection.calls(), messages),
                new MongoStepQueue(connection.database(), connection.calls()),
                new MongoOutbox(connection.database(), connection.calls(), messages),
                new MongoInboundEvents(connection.database(), connection.calls(), clock));
        stores.escalations.createIndexes();
        stores.steps.createIndexes();
        stores.outbox.createIndexes();
        stores.inbound.createIndexes();
        return stores;
    }
}
