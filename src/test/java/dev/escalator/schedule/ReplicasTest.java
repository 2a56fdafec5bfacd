package dev.escalator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.Event;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several bot replicas on one store, each started through the production assembly, on the real clock, racing for the
 * same steps: every step happens exactly once in
 * the store and every tag is posted exactly once.
 */
class ReplicasTest {
    /** 2,000 in the build; 40 under mutation testing, where this test runs again for every mutant it covers. */
    static final int ESCALATIONS = TestSize.of(2_000, 40);

    static final Duration BOUND = Duration.ofSeconds(120);

    final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    final Config config = new Config(
            ScenarioData.twoLevels(Duration.ofSeconds(1), Optional.empty()),
            List.of(),
            Reactions.DEFAULT,
            Path.of("replicas.yml"));
    final Transitions transitions = new Transitions(config.directory());
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    final InMemoryMongo server = new InMemoryMongo();
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
        runReplicas(2);
    }

    @Test
    void threeReplicasFireEveryStepExactlyOnce() throws Exception {
        runReplicas(3);
    }

    private void runReplicas(int replicas) throws Exception {
        for (int i = 0; i < replicas; i++) {
            startReplica("replica-" + i);
        }
        Stores stores = Stores.over(connect(), clock);
        for (int i = 0; i < ESCALATIONS; i++) {
            // one channel each, so that per-channel pacing does not stretch the test
            ScenarioData.open(
                    stores.escalations(), transitions, clock.instant(), new ChannelRef(Platform.SLACK, "C" + i));
        }

        List<Escalation> all = awaitAllExhaustedAndDelivered(stores);

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
        assertThat(slack.tags()).as("every tag posted").hasSize(2 * ESCALATIONS);
        Map<EscalationId, Long> roots = slack.calls().stream()
                .filter(call -> call.kind().equals("root"))
                .collect(Collectors.groupingBy(RecordingChat.Call::escalation, Collectors.counting()));
        assertThat(roots)
                .hasSize(ESCALATIONS)
                .allSatisfy((id, count) -> assertThat(count).isOne());
    }

    /** A replica as {@code main} wires it, its job loops running, posting to the shared recording chat. */
    private void startReplica(String name) throws IOException {
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

    private List<Escalation> awaitAllExhaustedAndDelivered(Stores stores) throws InterruptedException {
        Instant deadline = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(deadline)) {
            List<Escalation> all = stores.escalations().find(EscalationQuery.unresolved(ESCALATIONS + 1));
            boolean exhausted = all.size() == ESCALATIONS && all.stream().allMatch(e -> e.status() == Status.EXHAUSTED);
            if (exhausted
                    && stores.outbox()
                            .waiting(clock.instant().plusSeconds(600), 1)
                            .isEmpty()
                    && slack.tags().size() >= 2 * ESCALATIONS) {
                Thread.sleep(300); // let any straggling duplicate show itself before counting
                return all;
            }
            Thread.sleep(100);
        }
        Map<Status, Long> byStatus = stores.escalations().find(EscalationQuery.unresolved(ESCALATIONS + 1)).stream()
                .collect(Collectors.groupingBy(Escalation::status, Collectors.counting()));
        throw new AssertionError("not all escalations exhausted and delivered within " + BOUND + ": " + byStatus
                + ", tags posted " + slack.tags().size());
    }
}
