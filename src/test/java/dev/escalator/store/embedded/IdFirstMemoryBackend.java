package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's in-memory backend, answering a query that names one {@code _id} through the {@code _id} index
 * even when the query has other conditions too, as the embedded store's {@link IdFirstH2Backend} does ({@link
 * IdFirstPlan} says why). For the replicas benchmark, whose 10,000 escalations would otherwise turn every guarded write
 * into a scan of the collection.
 */
public final class IdFirstMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {
        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IdFirstCollection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class IdFirstCollection extends MemoryCollection {
        IdFirstCollection(
                MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry registry) {
            super(database, collectionName, options, registry);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            return IdFirstPlan.positions(query, getIdField(), getIndexes())
                    .map(positions -> matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector))
                    .orElseGet(() -> super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector));
        }
    }
}
