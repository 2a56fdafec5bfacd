package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's work queues follow the escalations only because every write to them goes through {@link
 * EscalationCollection} (see {@link LocalWorkQueues}): a class that opened the collection itself could write past
 * them, and the scheduler would miss a step or delivery a post until the next start. The check reads the sources, not
 * the bytecode: the collection's name is a constant, which javac copies into every class that uses it, so ArchUnit
 * cannot see which collection a {@code getCollection} call opens.
 */
class OneWayToWriteEscalationsTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path ONE_WAY = MAIN.resolve("dev/escalator/store/EscalationCollection.java");
    /** {@code getCollection(MongoEscalationStore.COLLECTION…}, {@code getCollection("escalations"…}, or the bare constant. */
    private static final Pattern OPENS_ESCALATIONS =
            Pattern.compile("getCollection\\(\\s*(MongoEscalationStore\\.COLLECTION\\b|\"escalations\")");

    private static final Pattern OPENS_OWN_CONSTANT = Pattern.compile("getCollection\\(\\s*COLLECTION\\b");

    @Test
    void onlyEscalationCollectionOpensTheEscalationsCollection() throws IOException {
        var opening = new ArrayList<Path>();
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                boolean opens = OPENS_ESCALATIONS.matcher(text).find()
                        || (source.endsWith("MongoEscalationStore.java")
                                && OPENS_OWN_CONSTANT.matcher(text).find());
                if (opens) {
                    opening.add(source);
                }
            }
        }

        assertThat(opening).as("classes that open the escalations collection").isEqualTo(List.of(ONE_WAY));
    }

    @Test
    void theCheckRecognisesEachWayOfOpeningIt() {
        assertThat(OPENS_ESCALATIONS
                        .matcher("database.getCollection(MongoEscalationStore.COLLECTION)")
                        .find())
                .isTrue();
        assertThat(OPENS_ESCALATIONS
                        .matcher("db.getCollection(\"escalations\", RawBsonDocument.class)")
                        .find())
                .isTrue();
        assertThat(OPENS_OWN_CONSTANT
                        .matcher("database.getCollection(COLLECTION)")
                        .find())
                .isTrue();
        assertThat(OPENS_ESCALATIONS
                        .matcher("database.getCollection(MongoInbox.COLLECTION)")
                        .find())
                .isFalse();
    }
}
