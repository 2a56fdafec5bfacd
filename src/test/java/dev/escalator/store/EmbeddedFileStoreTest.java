package dev.escalator.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Inbox;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.delivery.PendingEffect;
import dev.escalator.schedule.DueStep;
import dev.escalator.store.embedded.EmbeddedMongo;
import dev.escalator.testing.ScenarioData;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: mongo-java-server with its H2 file under the data directory. */
class EmbeddedFileStoreTest extends EscalationStoreContract {
    @TempDir
    Path dataDir;

    private StoreConnection connection;

    @Override
    StoreConnection connect() {
        connection = StoreConnection.open(Optional.empty(), dataDir);
        return connection;
    }

    @Override
    void disconnect() {
        connection.close();
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() {
        Escalation e = open("Checkout is failing");
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        assertThat(reopened.escalations().find(e.id())).contains(e);
        assertThat(reopened.escalations().nextId().number()).isEqualTo(e.id().number() + 1);
    }

    @Test
    void aRootMessageFoundFromMemoryIsFoundAfterARestartToo() {
        Escalation e = open("Checkout is failing");
        var parcel = claimOutbox(e, "replica-a");
        var thread = new ThreadRef(PAY, "1700000000.000100", "1700000000.000100");
        deliverAll(e, "replica-a", parcel, Optional.of(thread), Optional.empty());
        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        assertThat(reopened.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
    }

    @Test
    void anActionMarkedDoneJustBeforeAStopIsStillDoneAfterTheRestart() {
        var entry = new InboxEntry(
                "slack:Ev11", new ChatUser(Platform.SLACK, "U0BOB"), "reaction", Map.of("emoji", "eyes"), T0);
        assertThat(stores.inbox().record(entry, "a", T0.plusSeconds(30))).isEqualTo(Inbox.Recorded.NEW);
        // done commits nothing itself: the next write's commit, or the stop's, takes it
        stores.inbox().done(entry.key(), Duration.ofHours(1));
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        assertThat(reopened.inbox().record(entry, "b", T0.plusSeconds(30))).isEqualTo(Inbox.Recorded.DONE);
        assertThat(reopened.inbox().unclaimed(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void reopeningRebuildsDueStepsAndWaitingEffectsAndEndsEveryClaimOfTheProcessBefore() {
        Escalation waiting = open("effects waiting");
        Escalation claimed = open("step claimed when the process stopped");
        Escalation resolved = applyAndSave(open("resolved"), new Command.Resolve(ALICE, Optional.empty()));
        for (Escalation e : List.of(claimed, resolved)) {
            var parcel = stores.outbox()
                    .claim(e.id(), "old", clock.instant(), Duration.ofMinutes(1))
                    .orElseThrow();
            List<String> ids = parcel.effects().stream().map(PendingEffect::id).toList();
            stores.outbox()
                    .delivered(
                            e.id(),
                            "old",
                            ids,
                            Platform.SLACK,
                            Optional.empty(),
                            Optional.empty(),
                            clock.instant().plusSeconds(60));
            stores.outbox().release(e.id(), "old");
        }
        clock.advance(Duration.ofMinutes(5));
        stores.steps().claimStep(claimed.id(), "old", clock.instant(), Duration.ofHours(1));
        Escalation posting = open("posts claimed when the process stopped");
        stores.outbox().claim(posting.id(), "old", clock.instant(), Duration.ofHours(1));
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        // the file lock proves the process before is gone: its claims (an hour long) are not waited for
        Instant now = clock.instant();
        assertThat(reopened.steps().dueBy(now, now, 10))
                .extracting(DueStep::id)
                .containsExactly(waiting.id(), claimed.id());
        assertThat(reopened.outbox().waiting(now, 10)).containsExactlyInAnyOrder(waiting.id(), posting.id());
        assertThat(reopened.outbox().claim(posting.id(), "new", now, Duration.ofSeconds(20)))
                .as("its posts may have gone out unrecorded: they are looked for first")
                .hasValueSatisfying(parcel -> assertThat(parcel.tookOver()).isTrue());
    }

    @Test
    void reopeningLoadsEveryEscalationTheSequenceIssued() {
        int count = 2 * LocalWorkQueues.LOAD_CHUNK + 1;
        var escalations = new ArrayList<Escalation>();
        for (long id = 1; id <= count; id++) {
            escalations.add(ScenarioData.opened(transitions, new EscalationId(id), clock.instant()));
        }
        BulkSeed.insert(connection, escalations);
        BulkSeed.countFrom(connection, count);
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        Instant due = clock.instant().plus(Duration.ofMinutes(5));
        assertThat(reopened.steps().dueBy(due, due, count + 1)).hasSize(count);
    }

    @Test
    void startUpReadsTheKeptWorkQueuesAndAnEntryACrashLeftDirtyFromItsEscalation() {
        Escalation kept = open("kept");
        Escalation crashed = open("written just before a kill -9");
        Instant later = clock.instant().plus(Duration.ofHours(1));
        // the state a kill -9 leaves between an escalation's committed write and its entry's replacement
        var database = connection.database();
        database.getCollection(MongoEscalationStore.COLLECTION)
                .updateOne(eq("_id", crashed.id().number()), Updates.set("nextStepAt", Date.from(later)));
        database.getCollection(LocalWorkQueues.COLLECTION)
                .updateOne(
                        eq("_id", LocalWorkQueues.bucket(crashed.id().number())),
                        Updates.set(LocalWorkQueues.field(crashed.id().number()), LocalWorkQueues.DIRTY));
        // an escalation's own document is not read for a clean entry: this change is not seen
        database.getCollection(MongoEscalationStore.COLLECTION)
                .updateOne(eq("_id", kept.id().number()), Updates.set("nextStepAt", Date.from(later)));
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        Instant due = clock.instant().plus(Duration.ofMinutes(5));
        assertThat(reopened.steps().dueBy(later, due, 10))
                .extracting(DueStep::id, DueStep::dueAt)
                .containsExactly(tuple(kept.id(), due), tuple(crashed.id(), later));
    }

    @Test
    void aBulkSeededStoreStartsOnItsKeptEntriesNotOnTheOneTimeReadOfItsEscalations() {
        Path seeded = dataDir.resolve("seeded");
        var e = ScenarioData.opened(transitions, new EscalationId(1), clock.instant());
        Instant later = clock.instant().plus(Duration.ofHours(1));
        try (var seed = StoreConnection.open(Optional.empty(), seeded)) {
            BulkSeed.insert(seed, List.of(e));
            BulkSeed.countFrom(seed, 1);
            // an escalation's own document is not read when its entry is kept: this change is not seen
            seed.database()
                    .getCollection(MongoEscalationStore.COLLECTION)
                    .updateOne(eq("_id", 1L), Updates.set("nextStepAt", Date.from(later)));
        }

        try (var reopened = StoreConnection.open(Optional.empty(), seeded)) {
            var restarted = Stores.over(reopened, clock);

            Instant due = clock.instant().plus(Duration.ofMinutes(5));
            assertThat(restarted.steps().dueBy(later, due, 10)).containsExactly(new DueStep(e.id(), due));
        }
    }

    @Test
    void aStoreFromBeforeTheWorkQueuesWereKeptIsLoadedFromItsEscalationsOnceAndKeptFromThen() {
        Escalation e = open("opened by an older version");
        var database = connection.database();
        database.getCollection(LocalWorkQueues.COLLECTION).drop();
        database.getCollection(MongoEscalationStore.COUNTERS).deleteOne(eq("_id", LocalWorkQueues.COLLECTION));
        // what the version before buckets kept, one document per escalation (here out of date): not read, dropped
        database.getCollection("work_queues")
                .insertOne(new Document("_id", e.id().number()).append("nextStepAt", new Date(0)));
        database.getCollection(MongoEscalationStore.COUNTERS).insertOne(new Document("_id", "work_queues"));
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        Instant due = clock.instant().plus(Duration.ofMinutes(5));
        assertThat(reopened.steps().dueBy(due, due, 10)).extracting(DueStep::id).containsExactly(e.id());
        Document bucket = connection
                .database()
                .getCollection(LocalWorkQueues.COLLECTION)
                .find(eq("_id", LocalWorkQueues.bucket(e.id().number())))
                .first();
        assertThat(bucket).as("its bucket kept").isNotNull();
        String entry = bucket.getString(LocalWorkQueues.field(e.id().number()));
        assertThat(entry).as("its entry kept").isNotNull();
        assertThat(LocalWorkQueues.decode(entry)[0]).as("its next step").isEqualTo(due.toEpochMilli());
        assertThat(connection.database().getCollection("work_queues").countDocuments())
                .as("the layout before buckets dropped")
                .isZero();
        assertThat(connection
                        .database()
                        .getCollection(MongoEscalationStore.COUNTERS)
                        .countDocuments(eq("_id", "work_queues")))
                .as("its mark too, so that an older version started on this store builds its own again")
                .isZero();
    }

    @Test
    void anEntryTheIndexMissedIsPutRightByTheFirstClaimItMakesFail() {
        Escalation e = open("Checkout is failing");
        clock.advance(Duration.ofMinutes(5));
        Instant later = clock.instant().plus(Duration.ofHours(1));
        // a write behind the index's back: the bot has none, this stands for a bug
        connection
                .database()
                .getCollection(MongoEscalationStore.COLLECTION)
                .updateOne(eq("_id", e.id().number()), Updates.set("nextStepAt", Date.from(later)));
        Instant now = clock.instant();
        assertThat(stores.steps().dueBy(now, now, 10)).extracting(DueStep::id).containsExactly(e.id());

        assertThat(stores.steps().claimStep(e.id(), "replica-a", now, Duration.ofSeconds(30)))
                .isEmpty();

        assertThat(stores.steps().dueBy(now, now, 10)).isEmpty();
        assertThat(stores.steps().dueBy(later, now, 10)).containsExactly(new DueStep(e.id(), later));
    }

    @Test
    void aFileWrittenByMongoJavaServersOwnH2BackendOpensWithItsData() {
        Escalation e = open("Checkout is failing");
        connection.close();
        var plain = new MongoServer(
                new H2Backend(dataDir.resolve(EmbeddedMongo.FILE_NAME).toString()));
        plain.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.SERIAL);
        try (var viaPlain = StoreConnection.connect(
                "mongodb://127.0.0.1:" + plain.getLocalAddress().getPort() + "/escalator")) {
            assertThat(Stores.over(viaPlain, clock).escalations().find(e.id())).contains(e);
            viaPlain.database().getCollection("notes").insertOne(new Document("_id", "written by the plain backend"));
        } finally {
            plain.shutdown();
        }

        connection = StoreConnection.open(Optional.empty(), dataDir);

        assertThat(Stores.over(connection, clock).escalations().find(e.id())).contains(e);
        assertThat(connection.database().getCollection("notes").find().first())
                .isEqualTo(new Document("_id", "written by the plain backend"));
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryGetsAClearError() {
        var error =
                org.assertj.core.api.Assertions.catchThrowable(() -> StoreConnection.open(Optional.empty(), dataDir));
        assertThat(error).hasMessageContaining("another Escalator").hasMessageContaining("MONGODB_URI");
    }
}
