package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, answering a query that names one {@code _id} through the {@code _id} index even
 * when the query has other conditions too ({@link IdFirstPlan} says why), with unique indexes whose keys are compared
 * by value ({@link ComparedKeyIndex}).
 *
 * <p>A file written before (by an older Escalator or by mongo-java-server's own backend) has its index maps under the
 * library's names, ordered by the keys' serialized form. Opening such a file rebuilds each index from the documents
 * into its own map first, then removes the library's maps: a crash in between leaves a library map, so the next open
 * rebuilds again. The same holds the other way: mongo-java-server's own backend finds no map under its names and
 * builds its indexes afresh, and a file it wrote to is rebuilt here when it opens again.
 */
final class IdFirstH2Backend extends H2Backend {
    private static final String LIBRARY_INDEX_INFIX = "._index_";

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
            // every index is open (and built) by now
            removeLibraryIndexMaps();
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            String libraryName = libraryIndexMapName(collectionName, indexName);
            boolean writtenOtherwise = getMvStore().hasMap(libraryName);
            return ComparedKeyIndex.open(getMvStore(), libraryName, indexName, keys, sparse, writtenOtherwise);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            String name = libraryIndexMapName(collection.getCollectionName(), indexName) + ComparedKeyIndex.SUFFIX;
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(name);
            }
        }

        /** The name H2Database gives an index's map. */
        private String libraryIndexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + LIBRARY_INDEX_INFIX + indexName;
        }

        private void removeLibraryIndexMaps() {
            MVStore mvStore = getMvStore();
            for (String name : List.copyOf(mvStore.getMapNames())) {
                if (name.startsWith(getDatabaseName() + ".")
                        && name.contains(LIBRARY_INDEX_INFIX)
                        && !name.endsWith(ComparedKeyIndex.SUFFIX)) {
                    mvStore.removeMap(name);
                }
            }
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
