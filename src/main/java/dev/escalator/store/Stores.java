package dev.escalator.store;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;

/** The store's ports over one connection, with their indexes created: what the bot wires in at start-up. */
public record Stores(
        MongoEscalationStore escalations,
        MongoStepQueue steps,
        MongoOutbox outbox,
        MongoInboundEvents inbound,
        MongoInbox inbox,
        WorkQueueLoad workQueueLoad) {

    /**
     * On the embedded store, due steps and waiting effects are found in a {@link LocalWorkQueues} held in this process
     * (mongo-java-server has no secondary indexes; the store has one writer, this process), loaded before this returns;
     * on a real MongoDB, by indexed queries that see every replica's writes. {@link #workQueueLoad} has nothing to do.
     */
    public static Stores over(StoreConnection connection, Clock clock) {
        return over(connection, clock, LocalWorkQueues::load);
    }

    /**
     * The same, but on an embedded store whose work queues are kept on file they are loaded only when {@link
     * #workQueueLoad} is started, while the bot serves: the bot's start, which is then not held up by reading 100,000
     * entries (SPEC §8).
     */
    public static Stores openedBeforeLoad(StoreConnection connection, Clock clock) {
        return over(connection, clock, LocalWorkQueues::beforeLoad);
    }

    private static Stores over(
            StoreConnection connection,
            Clock clock,
            java.util.function.BiFunction<MongoDatabase, StoreCalls, LocalWorkQueues> local) {
        MongoDatabase database = connection.database();
        StoreCalls calls = connection.calls();
        WorkQueues workQueues =
                connection.isEmbedded() ? local.apply(database, calls) : IndexedWorkQueues.withIndexes(database, calls);
        var messages = new PostedMessages(database, calls);
        var stores = new Stores(
                new MongoEscalationStore(database, calls, messages, workQueues),
                new MongoStepQueue(database, calls, workQueues),
                new MongoOutbox(database, calls, messages, workQueues),
                new MongoInboundEvents(database, calls, clock),
                new MongoInbox(database, calls, clock::instant),
                WorkQueueLoad.of(workQueues));
        if (!connection.isEmbedded()) {
            // mongo-java-server ignores secondary indexes, yet rescans the whole collection for each one at every start
            stores.escalations.createIndexes();
            stores.inbound.createIndexes();
            stores.inbox.createIndexes();
        }
        return stores;
    }
}
