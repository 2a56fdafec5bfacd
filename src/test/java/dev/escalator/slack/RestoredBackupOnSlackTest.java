package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Status;
import dev.escalator.store.StoreCollections;
import dev.escalator.testing.InMemoryMongo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A backup restored into an empty store, as {@code mongorestore} does it: the documents of the collections the
 * operations guide says to back up ({@link StoreCollections#BACKED_UP}), copied with the driver. The restored bot
 * takes reactions on the escalation's thread and commands as if nothing had happened.
 */
class RestoredBackupOnSlackTest {
    @Test
    void reactionsAndCommandsWorkOnAnEscalationRestoredFromTheBackedUpCollections() throws Exception {
        var restored = new InMemoryMongo();
        String tag;
        try (var before = new SlackWorld()) {
            before.command(REPORTER, "Checkout is failing");
            before.deliver();
            tag = before.api
                    .await("chat.postMessage", call -> call.text().contains("level 1/3"))
                    .ts();
            assertThat(written(before.mongo))
                    .as("every collection the bot wrote is either backed up or rebuilt")
                    .allMatch(inEitherList());
            copy(before.mongo, restored, StoreCollections.BACKED_UP);
        }

        try (var after = SlackWorld.over(restored)) {
            after.reaction(BOB, tag, "eyes");
            after.settle();
            assertThat(after.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);

            after.command(BOB, "note ESC-1 restored from last night's backup");
            after.deliver();
            after.api.await("chat.postMessage", call -> call.text().contains("restored from last night's backup"));

            after.command(REPORTER, "Search is slow");
            assertThat(after.stores.escalations().find(new EscalationId(2)))
                    .as("the ESC-n sequence carries on")
                    .isPresent();
        }
    }

    @Test
    void theOperationsGuideNamesEveryCollectionABackupMustHold() throws IOException {
        String guide = Files.readString(Path.of("docs/operations.md"));

        assertThat(StoreCollections.BACKED_UP).allMatch(name -> guide.contains("`" + name + "`"), "named in the guide");
    }

    private static Predicate<String> inEitherList() {
        return name -> StoreCollections.BACKED_UP.contains(name) || StoreCollections.REBUILT.contains(name);
    }

    private static List<String> written(InMemoryMongo mongo) {
        try (var client = MongoClients.create(mongo.uri())) {
            return client.getDatabase("escalator").listCollectionNames().into(new ArrayList<String>()).stream()
                    .filter(name -> !name.startsWith("system."))
                    .toList();
        }
    }

    /** What {@code mongodump} and {@code mongorestore} do for these collections: every document, into an empty store. */
    private static void copy(InMemoryMongo from, InMemoryMongo to, List<String> collections) {
        try (var source = MongoClients.create(from.uri());
                var target = MongoClients.create(to.uri())) {
            for (String name : collections) {
                var documents = source.getDatabase("escalator")
                        .getCollection(name)
                        .find()
                        .into(new ArrayList<Document>());
                if (!documents.isEmpty()) {
                    target.getDatabase("escalator").getCollection(name).insertMany(documents);
                }
            }
        }
    }
}
