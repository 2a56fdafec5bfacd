package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, answering a query that names one {@code _id} through the {@code _id} index even
 * when the query has other conditions too ({@link IdFirstPlan} says why).
 */
final class IdFirstH2Backend extends H2Backend {

    IdFirstH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /**
     * An inner class on purpose: {@link H2Database}'s constructor already opens the existing collections, before a
     * field of this class could be set; the enclosing backend (assigned before that constructor runs) has the store.
     */
    private final class Database extends H2Database {
        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, getMvStore(), cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the map names H2Database itself uses, so files written by either open with their data
            String fullName = getFullCollectionNamespace(collectionName);
            MVStore mvStore = getMvStore();
            return new IdFirstCollection(
                    this,
                    collectionName,
                    options,
                    mvStore.openMap("databases." + fullName),
                    mvStore.openMap("meta." + fullName),
                    cursorRegistry);
        }
    }

    private static final class IdFirstCollection extends H2Collection {
        IdFirstCollection(
                MongoDatabase database,
                String collectionName,
                CollectionOptions options,
                MVMap<Object, Document> dataMap,
                MVMap<String, Object> metaMap,
                CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
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
