package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The query planning that mongo-java-server's backends lack and ours add: a query that names one {@code _id} is looked
 * up in the {@code _id} index even when it has other conditions too.
 *
 * <p>Why: mongo-java-server uses an index only for a query whose fields are exactly the index's fields. Every guarded
 * write of the store names the {@code _id} and a guard ({@code {_id, version}}, {@code {_id, deliveryOwner}}, a
 * claim's {@code {_id, nextStepAt <= now, lease free}}), so each one scanned and decoded the whole collection on the
 * server's one worker thread: tens of milliseconds per write with 10,000–20,000 escalations. Here the {@code _id}
 * index finds the one document and the server's own matcher still checks the whole query against it, so every query
 * answers exactly what it answered before, just without the scan. A real MongoDB plans such queries on {@code _id} by
 * itself.
 */
final class IdFirstPlan {
    private IdFirstPlan() {}

    /**
     * Where the one document {@code query} can match is, read from an index on {@code _id} alone; empty when the query
     * allows several ids, names nothing but the {@code _id} (the server plans that by itself), or no index can look the
     * id up. The caller still matches the whole query against the documents at those positions.
     */
    static <P> Optional<Iterable<P>> positions(Document query, String idField, List<Index<P>> indexes) {
        if (idField == null || query.keySet().equals(Set.of(idField))) {
            return Optional.empty();
        }
        return equalId(query, idField).flatMap(id -> {
            var byId = new Document(idField, id);
            return indexes.stream()
                    .filter(index -> index.canHandle(byId))
                    .findFirst()
                    .map(index -> index.getPositions(byId));
        });
    }

    /**
     * The value the query requires {@code _id} to equal, at its top level or in a top-level {@code $and} (the driver
     * sends {@code Filters.and(...)} as {@code $and}); empty if the query allows several ids.
     */
    private static Optional<Object> equalId(Document query, String idField) {
        Object value = query.get(idField);
        if (value != null && isPlainValue(value)) {
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
