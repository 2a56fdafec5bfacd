package dev.escalator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which queries, as the server receives them, are looked up in the {@code _id} index and which are left to it. */
class IdFirstPlanTest {
    private static final List<Index<Integer>> INDEXES =
            List.of(new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false));

    static Stream<Arguments> queries() {
        var leaseFree = new Document(
                "$or",
                List.of(new Document("stepUntil", null), new Document("stepUntil", new Document("$lte", new Date(0)))));
        return Stream.of(
                Arguments.of(new Document("_id", 3L).append("version", 1L), true),
                Arguments.of(and(new Document("_id", 3L), new Document("deliveryOwner", "r1")), true),
                Arguments.of(
                        and(
                                new Document("_id", 3L),
                                new Document("nextStepAt", new Document("$lte", new Date(0))),
                                leaseFree),
                        true),
                Arguments.of(and(new Document("version", 1L), and(new Document("_id", 3L))), true),
                Arguments.of(new Document("_id", 3L), false),
                Arguments.of(new Document("version", 1L), false),
                Arguments.of(new Document("_id", new Document("$in", List.of(1L, 3L))).append("version", 1L), false),
                Arguments.of(new Document("_id", new Document("$gte", 2L)).append("version", 1L), false),
                Arguments.of(new Document("_id", List.of(1L)).append("version", 1L), false),
                Arguments.of(new Document("_id", null).append("version", 1L), false));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void looksUpOnlyAQueryThatNamesOneIdAndMore(Document query, boolean planned) {
        assertThat(IdFirstPlan.positions(query, "_id", INDEXES).isPresent()).isEqualTo(planned);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void leavesEveryQueryToTheServerInACollectionWithoutIds(Document query, boolean planned) {
        assertThat(IdFirstPlan.positions(query, null, INDEXES)).isEmpty();
    }

    private static Document and(Document... conditions) {
        return new Document("$and", List.of(conditions));
    }
}
