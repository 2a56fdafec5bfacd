package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.util.Objects;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes ({@code _id} first of all): keys are written and read as H2's
 * {@link ObjectDataType} writes them, but compared by their values. H2 orders an object it does not know, such as
 * mongo-java-server's {@link KeyValue}, by serializing both sides with Java serialization at every comparison; an
 * {@code _id} lookup made a dozen of them, about a third of the server thread's time on the ack path.
 *
 * <p>The order: value by value, each by mongo-java-server's own {@link ValueComparator} (MongoDB's order of types,
 * then of values; a string by {@link String#compareTo}), then the shorter key first. Values that order compares as
 * equal though they are not equal (null and a missing value) fall back to their serialized form, as H2 compared them
 * before, so two keys are the same key exactly when they were before. An index ordered so is kept in a map of its own
 * ({@link ComparedKeyIndex}): an index map H2 ordered by serialized form cannot be searched in this order.
 */
final class IndexKeyType extends ObjectDataType {
    static final IndexKeyType INSTANCE = new IndexKeyType();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            return compareKeys(left, right);
        }
        return super.compare(a, b);
    }

    static int compareKeys(KeyValue left, KeyValue right) {
        int common = Math.min(left.size(), right.size());
        for (int i = 0; i < common; i++) {
            int order = compareValues(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareValues(Object left, Object right) {
        if (left instanceof String l && right instanceof String r) {
            return l.compareTo(r); // what ValueComparator answers for two strings, without its look at their types
        }
        if (Objects.equals(left, right)) {
            return 0;
        }
        int order;
        try {
            order = ValueComparator.ascWithoutListHandling().compare(left, right);
        } catch (UnsupportedOperationException e) {
            order = 0; // a type it cannot order: by the serialized form below
        }
        if (order != 0) {
            return order;
        }
        return ObjectDataType.compareNotNull(ObjectDataType.serialize(left), ObjectDataType.serialize(right));
    }
}
