package dev.escalator.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, answering a query that names one {@code _id} through the {@code _id} index even
 * when the query has other conditions too.
 *
 * <p>Why: mongo-java-server uses an index only for a query whose fields are exactly the index's fields. Every guarded
 * write of the store names the {@code _id} and a guard ({@code {_id, version}}, {@code {_id, deliveryOwner}}, a
 * claim's {@code {_id, nextStepAt <= now, lease free}}), so each one scanned and decoded the whole collection on the
 * server's one worker thread: tens of milliseconds per write with 20,000 escalations, far too slow for SPEC §8 with
 * 100,000. Here the {@code _id} index finds the one document and the server's own matcher still checks the whole
 * query against it, so every query answers exactly what it answered before, just without the scan. A real MongoDB
 * plans such queries on {@code _id} by itself.
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
            String idField = getIdField();
            Optional<Object> id = idField == null ? Optional.empty() : equalId(query, idField);
            if (id.isPresent() && !query.keySet().equals(Set.of(idField))) {
                var byId = new Document(idField, id.get());
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(
                                query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * The value the query requires {@code _id} to equal, at its top level or in a top-level {@code $and} (the
         * driver sends {@code Filters.and(...)} as {@code $and}); empty if the query allows several ids.
         */
        private static Optional<Object> equalId(Document query, String idField) {
            Object value = query.get(idField);
            if (isPlainValue(value)) {
                return Optional.of(value);
            }
            if (query.get("$and") instanceof List<?> all) {
                for (Object part : all) {
                    if (part instanceof Document condition) {
                        Optional<Object> id = equalId(condition, idField);
                        if (id.isPresent()) {
                            return id;
                        }
                    }
                }
            }
            return Optional.empty();
        }

        /** A value {@code _id} must equal: not an operator, a list or a pattern, which the index reads otherwise. */
        private static boolean isPlainValue(Object value) {
            return value != null
                    && !(value instanceof Document)
                    && !(value instanceof Collection<?>)
                    && !BsonRegularExpression.isRegularExpression(value);
        }
    }
}
