package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * A unique index of the embedded store in an H2 map whose keys are compared by value ({@link IndexKeyType}), not by
 * their serialized form: mongo-java-server's {@code H2UniqueIndex} with another map, which its constructor does not
 * let a subclass give. The map's name is the library's with {@link #SUFFIX}, so a file holds both kinds apart: an
 * index map under the library's name was written by a backend that orders keys otherwise (an older Escalator, or
 * mongo-java-server's own H2 backend), so it is not read but rebuilt from the documents ({@link IdFirstH2Backend}).
 */
final class ComparedKeyIndex extends AbstractUniqueIndex<Object> {
    static final String SUFFIX = ".compared";

    private final MVMap<KeyValue, Object> map;

    private ComparedKeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    /** Opens the index's map under {@code libraryMapName}{@link #SUFFIX}; emptied when {@code rebuild}. */
    static ComparedKeyIndex open(
            MVStore store, String libraryMapName, String name, List<IndexKey> keys, boolean sparse, boolean rebuild) {
        MVMap<KeyValue, Object> map = store.openMap(
                libraryMapName + SUFFIX, new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
        if (rebuild) {
            // an empty index is filled from the collection's documents when the collection adds it
            map.clear();
        }
        return new ComparedKeyIndex(map, name, keys, sparse);
    }

    @Override
    protected @Nullable Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected @Nullable Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
