package dev.escalator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.jobs.JobLoop;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store goes away mid-run and comes back (SPEC §8): clear errors meanwhile, then every step once. */
class StoreOutageTest {
    /** 50 in the build; 5 under mutation testing, where this test runs again for every mutant it covers. */
    static final int ESCALATIONS = TestSize.of(50, 5);

    /** Real time: the driver's reconnect and the job loops' waits around an outage run on it, not on a test clock. */
    final Clock clock = Clock.tickMillis(ZoneOffset.UTC);

    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofSeconds(1), Optional.empty()));
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    InMemoryMongo server;
    CuttableProxy proxy;
    StoreConnection connection;
    Stores stores;

    @BeforeEach
    void start() throws Exception {
        server = new InMemoryMongo();
        proxy = new CuttableProxy(server.port());
        connection = StoreConnection.connect("mongodb://127.0.0.1:" + proxy.port() + "/escalator");
        stores = Stores.over(connection, clock);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        proxy.close();
        server.close();
    }

    @Test
    @Timeout(20) // the driver's own default would wait 30 s per call
    void callsFailWithATypedErrorWithinSecondsAndReadinessTurnsFalse() {
        Escalation e = ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        proxy.cut();

        assertThatThrownBy(() -> stores.escalations().find(e.id()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("find " + e.id());
        assertThat(connection.reachable()).isFalse();

        proxy.restore();
        assertThat(connection.reachable()).isTrue();
        assertThat(stores.escalations().find(e.id())).contains(e);
    }

    /** 3 s: every timer passes while the store is away; 10 s: long enough for the driver to give up on the server. */
    @ParameterizedTest(name = "store away {0} s")
    @ValueSource(ints = {3, 10})
    @SuppressWarnings("try") // the loops run by being open
    void stepsThatCameDueDuringAnOutageFireOnceWhenTheStoreIsBack(int outageSeconds) throws Exception {
        try (var delivery = new DeliverEffects(stores.outbox(), List.of(slack), clock, "replica-a");
                var deliveryLoop = new JobLoop(delivery, clock, Duration.ofMillis(200)).start();
                var steps = new FireDueSteps(
                        stores.steps(),
                        stores.escalations(),
                        transitions,
                        clock,
                        "replica-a",
                        fired -> deliveryLoop.wake());
                var stepLoop = new JobLoop(steps, clock, Duration.ofMillis(200)).start()) {
            for (int i = 0; i < ESCALATIONS; i++) {
                ScenarioData.open(
                        stores.escalations(), transitions, clock.instant(), new ChannelRef(Platform.SLACK, "C" + i));
            }
            proxy.cut();
            Thread.sleep(outageSeconds * 1_000L); // every level-1 timeout passes while the store is away
            proxy.restore();

            List<Escalation> all = awaitAllExhausted();

            for (Escalation e : all) {
                assertThat(e.timeline())
                        .filteredOn(entry -> entry.event() instanceof Event.Tagged)
                        .hasSize(2);
            }
            var posted = slack.calls().stream()
                    .flatMap(call -> call.entries().stream().map(entry -> call.escalation() + "#" + entry.seq()))
                    .toList();
            assertThat(new HashSet<>(posted)).hasSameSizeAs(posted);
            assertThat(slack.tags()).hasSize(2 * ESCALATIONS);
        }
    }

    private List<Escalation> awaitAllExhausted() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                List<Escalation> all = stores.escalations().find(EscalationQuery.unresolved(ESCALATIONS + 1));
                if (all.stream().allMatch(e -> e.status() == Status.EXHAUSTED)
                        && slack.tags().size() >= 2 * ESCALATIONS) {
                    Thread.sleep(300);
                    return all;
                }
            } catch (StoreUnavailableException e) {
                // still reconnecting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("steps did not all fire after the store came back; tags posted: "
                + slack.tags().size());
    }
}
