package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.Escalation;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica killed holding a step claim and a delivery claim, an hour long each, and a survivor wired as {@code main}
 * wires it, its loops looking for other replicas' work only once an hour: the survivor does the step and makes the
 * post once the dead replica's heartbeat is silent, without a poll (SPEC §8: a dead replica's claims taken over within
 * 5 s). On the real clock: the heartbeat's silence is real time.
 */
class DeadReplicaTakeOverTest {
    static final Duration NO_POLL = Duration.ofHours(1);
    static final Duration BOUND = Duration.ofSeconds(60);

    final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofHours(1)));
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    final InMemoryMongo server = new InMemoryMongo();
    StoreConnection connection;
    Stores stores;
    AssembledBot survivor;

    @BeforeEach
    void start() {
        connection = server.connect();
        stores = Stores.over(connection, clock);
    }

    @AfterEach
    void stop() {
        if (survivor != null) {
            survivor.close();
        }
        connection.close();
        server.close();
    }

    @Test
    void aDeadReplicasStepAndPostAreTakenOverWithoutWaitingForAPoll() throws Exception {
        Instant now = clock.instant();
        // its level-1 timeout passed a second ago, and the dead replica had claimed the step
        Escalation stepClaimed = ScenarioData.open(
                stores.escalations(),
                transitions,
                now.minus(Duration.ofHours(1)).minusSeconds(1),
                ScenarioData.PAY);
        // its root, brief and tag were on their way when it died
        Escalation postsClaimed = ScenarioData.open(stores.escalations(), transitions, now, ScenarioData.PAY);
        KilledReplica.leavesClaimsOn(connection, stores, clock, stepClaimed, postsClaimed);
        var config = new Config(transitions.directory(), List.of(), Reactions.DEFAULT, Path.of("take-over.yml"));

        survivor = AssembledBot.builder(config, clock, server.connect())
                .chat(slack)
                .replica("survivor")
                .runningLoops(NO_POLL)
                .start();

        Eventually.holds(
                "the step the dead replica had claimed is done by the survivor",
                BOUND,
                () -> stores.escalations().find(stepClaimed.id()).orElseThrow().level() == 2);
        Eventually.holds(
                "the posts the dead replica had claimed are made by the survivor",
                BOUND,
                () -> slack.callsFor(postsClaimed.id()).stream()
                        .anyMatch(call -> call.kind().equals("root")));
        assertThat(slack.callsFor(postsClaimed.id()))
                .filteredOn(call -> call.kind().equals("root"))
                .hasSize(1);
    }
}
