package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.Escalation;
import dev.escalator.core.Transitions;
import dev.escalator.slack.SlackOptions;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17's doubled tag: two replicas on one MongoDB, each through the production assembly and Slack's real adapter
 * on a fake Web API. Replica A is slow, not dead: its post of the level-2 tag is in flight (held by the fake Slack)
 * while its heartbeat stops, as on a machine so overloaded that A's heartbeat is late. Replica B sees A silent; it
 * must not take A's delivery claim over and look for the post before the post can have landed, or both post it.
 */
class SlowReplicaTest {
    static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);

    final TestClock clock = new TestClock(Fixtures.T0);
    final Config config = new Config(
            ScenarioData.twoLevels(ACK_TIMEOUT, Optional.empty()),
            List.of(),
            Reactions.DEFAULT,
            Path.of("slow-replica.yml"));
    final Transitions transitions = new Transitions(config.directory());
    final InMemoryMongo server = new InMemoryMongo();
    final ExecutorService replicaA = Executors.newVirtualThreadPerTaskExecutor();
    final List<AutoCloseable> started = new ArrayList<>();
    FakeSlackApi slack;

    @BeforeEach
    void startSlack() throws Exception {
        slack = new FakeSlackApi();
        started.add(slack);
    }

    @AfterEach
    void stopEverything() throws Exception {
        replicaA.shutdownNow();
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void aReplicaWhosePostIsInFlightWhenItsHeartbeatStopsHasItPostedOnce() throws Exception {
        AssembledBot a = replica("replica-a");
        AssembledBot b = replica("replica-b");
        StoreConnection bConnection = server.connect();
        started.add(bConnection);
        var bEndsSilentClaims = new EndClaimsOfSilentReplicas(bConnection, clock, "replica-b", () -> {});
        // B's own heartbeat, on time, as its loop writes it: B is not slow itself
        var bHeartbeat = new WriteHeartbeat(bConnection, clock, "replica-b", () -> {});
        Escalation e = ScenarioData.open(a.stores().escalations(), transitions, clock.instant(), ScenarioData.PAY);
        a.delivery().deliver(e.id());
        clock.advance(ACK_TIMEOUT);
        a.steps().runOnce();

        // A posts the level-2 tag; the post is in flight, and A's heartbeat stops
        FakeSlackApi.Hold inFlight = slack.holdNext("chat.postMessage");
        Future<?> aDelivering = replicaA.submit(() -> a.delivery().deliver(e.id()));
        inFlight.awaitHeld();
        // B finds A silent for longer than steps wait: A's step claims are taken over, its post not looked for yet
        clock.advance(EndClaimsOfSilentReplicas.SILENT.plusMillis(500));
        bHeartbeat.runOnce();
        bEndsSilentClaims.runOnce();
        b.delivery().deliver(e.id());
        // the post lands, and A goes on
        inFlight.release();
        aDelivering.get(30, TimeUnit.SECONDS);
        // A keeps silent; once its posts cannot be in flight any more, B takes over whatever is left
        clock.advance(EndClaimsOfSilentReplicas.DELIVERY_SILENT);
        bHeartbeat.runOnce();
        bEndsSilentClaims.runOnce();
        b.delivery().deliver(e.id());

        assertThat(levelTwoTagsPosted())
                .as("the level-2 tag, posted in the thread")
                .hasSize(1);
    }

    private List<FakeSlackApi.Call> levelTwoTagsPosted() {
        return slack.postsIn(ScenarioData.PAY.channelId()).stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .filter(call -> call.text().contains("level 2/2"))
                .toList();
    }

    /** A replica as {@code main} wires it, Slack in HTTP mode on the fake Web API; its jobs left to the test. */
    private AssembledBot replica(String name) throws Exception {
        var options = new SlackOptions(
                "xoxb-test-token",
                Optional.of("test-signing-secret"),
                Optional.empty(),
                URI.create(slack.methodsUrl()));
        var bot = AssembledBot.builder(config, clock, server.connect())
                .slack(options)
                .replica(name)
                .start();
        started.add(bot);
        return bot;
    }
}
