package dev.escalator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.Event;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestSize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several bot replicas on one store, each started through the production assembly, on the real clock, racing for the
 * same steps: every step happens exactly once in the store, every tag is posted exactly once, and every direct message
 * is sent exactly once.
 */
class ReplicasTest {
    /**
     * 2,000 in the build; 40 under mutation testing, where this test runs again for every mutant it covers. The people
     * tagged have {@code dm: false} at this size: with direct messages each escalation sends two more posts, which
     * took the test from about a minute to over three.
     */
    static final int ESCALATIONS = TestSize.of(2_000, 40);

    /** Escalations of the run with direct messages on, each one checked sent exactly once. */
    static final int ESCALATIONS_WITH_DIRECT_MESSAGES = TestSize.of(200, 20);

    static final Duration BOUND = Duration.ofSeconds(120);

    final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    /**
     * One server thread serves every replica: a guarded write names its escalation's {@code _id}, and is looked up on
     * the {@code _id} index as MongoDB does, not matched against all 2,000 documents.
     */
    final InMemoryMongo server = InMemoryMongo.planningOnId();

    final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void twoReplicasFireEveryStepExactlyOnce() throws Exception {
        runReplicas(2, ESCALATIONS, false);

        assertThat(slack.directMessages())
                .as("nobody asked for direct messages")
                .isEmpty();
    }

    @Test
    void threeReplicasFireEveryStepExactlyOnce() throws Exception {
        runReplicas(3, ESCALATIONS, false);

        assertThat(slack.directMessages())
                .as("nobody asked for direct messages")
                .isEmpty();
    }

    @Test
    void twoReplicasSendEveryDirectMessageExactlyOnce() throws Exception {
        runReplicas(2, ESCALATIONS_WITH_DIRECT_MESSAGES, true);

        var sent = slack.directMessages().stream()
                .map(dm -> dm.escalation() + " to " + dm.person() + " about #" + dm.seq())
                .toList();
        assertThat(new HashSet<>(sent)).as("no direct message sent twice").hasSameSizeAs(sent);
        Map<EscalationId, List<PersonId>> reached = slack.directMessages().stream()
                .collect(Collectors.groupingBy(
                        RecordingChat.DirectMessage::escalation,
                        Collectors.mapping(RecordingChat.DirectMessage::person, Collectors.toList())));
        assertThat(reached)
                .as("each escalation's level 1 (alice) and level 2 (bob) reached once each")
                .hasSize(ESCALATIONS_WITH_DIRECT_MESSAGES)
                .allSatisfy((id, people) ->
                        assertThat(people).containsExactlyInAnyOrder(new PersonId("alice"), new PersonId("bob")));
    }

    /**
     * Starts {@code replicas} bots, opens {@code escalations} and checks that each went through both levels to
     * exhaustion once, with each tag and root posted once; {@code directMessages}: whether the people tagged get them.
     */
    private void runReplicas(int replicas, int escalations, boolean directMessages) throws Exception {
        Config config = config(directMessages);
        for (int i = 0; i < replicas; i++) {
            startReplica(config, "replica-" + i);
        }
        Stores stores = Stores.over(connect(), clock);
        var transitions = new Transitions(config.directory());
        for (int i = 0; i < escalations; i++) {
            // one channel each, so that per-channel pacing does not stretch the test
            ScenarioData.open(
                    stores.escalations(), transitions, clock.instant(), new ChannelRef(Platform.SLACK, "C" + i));
        }

        List<Escalation> all = awaitAllExhaustedAndDelivered(stores, escalations, directMessages ? 2 * escalations : 0);

        for (Escalation e : all) {
            assertThat(e.timeline())
                    .as("timeline of %s", e.id())
                    .extracting(TimelineEntry::event)
                    .filteredOn(event -> event instanceof Event.Tagged)
                    .extracting(event -> ((Event.Tagged) event).level())
                    .containsExactly(1, 2);
            assertThat(e.timeline())
                    .filteredOn(entry -> entry.event() instanceof Event.Exhausted)
                    .hasSize(1);
        }
        var posted = slack.calls().stream()
                .flatMap(call -> call.entries().stream().map(entry -> call.escalation() + "#" + entry.seq()))
                .toList();
        assertThat(new HashSet<>(posted)).as("no entry posted twice").hasSameSizeAs(posted);
        assertThat(slack.tags()).as("every tag posted").hasSize(2 * escalations);
        Map<EscalationId, Long> roots = slack.calls().stream()
                .filter(call -> call.kind().equals("root"))
                .collect(Collectors.groupingBy(RecordingChat.Call::escalation, Collectors.counting()));
        assertThat(roots)
                .hasSize(escalations)
                .allSatisfy((id, count) -> assertThat(count).isOne());
    }

    /** alice at level 1, bob at level 2, one second each; {@code directMessages} false is their {@code dm: false}. */
    private static Config config(boolean directMessages) {
        Directory twoLevels = ScenarioData.twoLevels(Duration.ofSeconds(1), Optional.empty());
        var people = twoLevels.people().values().stream()
                .map(person -> new Person(person.id(), person.accounts(), person.timeZone(), directMessages))
                .toList();
        var directory = Directory.of(
                people,
                List.copyOf(twoLevels.rotations().values()),
                List.copyOf(twoLevels.paths().values()),
                Set.of());
        return new Config(directory, List.of(), Reactions.DEFAULT, Path.of("replicas.yml"));
    }

    /** A replica as {@code main} wires it, its job loops running, posting to the shared recording chat. */
    private void startReplica(Config config, String name) throws IOException {
        started.add(AssembledBot.builder(config, clock, newConnection())
                .chat(slack)
                .replica(name)
                .runningLoops(Duration.ofMillis(200))
                .start());
    }

    /** A new connection to the store the replicas share: the in-memory server here, a real MongoDB in a subclass. */
    StoreConnection newConnection() {
        return server.connect();
    }

    private StoreConnection connect() {
        StoreConnection connection = newConnection();
        started.add(connection);
        return connection;
    }

    private List<Escalation> awaitAllExhaustedAndDelivered(Stores stores, int escalations, int directMessages)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(deadline)) {
            // the fake chat's counts first (they only grow), the store only once they are complete: reading every
            // escalation from the one-threaded server ten times a second took it from the replicas for most of the run
            if (slack.tags().size() >= 2 * escalations && slack.directMessages().size() >= directMessages) {
                List<Escalation> all = stores.escalations().find(EscalationQuery.unresolved(escalations + 1));
                boolean exhausted =
                        all.size() == escalations && all.stream().allMatch(e -> e.status() == Status.EXHAUSTED);
                if (exhausted
                        && stores.outbox()
                                .waiting(clock.instant().plusSeconds(600), 1)
                                .isEmpty()) {
                    Thread.sleep(300); // let any straggling duplicate show itself before counting
                    return all;
                }
            }
            Thread.sleep(100);
        }
        Map<Status, Long> byStatus = stores.escalations().find(EscalationQuery.unresolved(escalations + 1)).stream()
                .collect(Collectors.groupingBy(Escalation::status, Collectors.counting()));
        throw new AssertionError("not all escalations exhausted and delivered within " + BOUND + ": " + byStatus
                + ", tags posted " + slack.tags().size() + ", direct messages sent "
                + slack.directMessages().size());
    }
}
