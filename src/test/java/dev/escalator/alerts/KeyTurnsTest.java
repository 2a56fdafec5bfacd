package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Integration;
import dev.escalator.store.MongoAlertKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts of one key take turns in a replica; the turn is kept only while the key has senders. Keys come and go for as
 * long as the bot runs (every alert group is a key), so a turn kept after its last sender would leak.
 */
class KeyTurnsTest {
    private AlertWorld world;
    private AlertIntake intake;
    private Integration hook;

    @BeforeEach
    void start() throws Exception {
        world = new AlertWorld();
        intake = new AlertIntake(
                world.config,
                new MongoAlertKeys(world.replica.store.database(), world.replica.store.calls()),
                world.replica.desk,
                world.replica.stores.escalations(),
                world.clock,
                new SimpleMeterRegistry(),
                "replica-b");
        hook = world.config.integrations().stream()
                .filter(integration -> integration.name().equals("hook"))
                .findFirst()
                .orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void manyDistinctKeysLeaveNoTurnBehind() throws BadAlert {
        for (int i = 0; i < 30; i++) {
            Receipt receipt = intake.receive(hook, firing("group-" + i));

            assertThat(receipt.outcome()).isNotEqualTo(Receipt.Outcome.UNAVAILABLE);
        }

        assertThat(intake.keysTakingTurns()).isZero();
    }

    @Test
    void aKeysTurnIsForgottenOnlyAfterItsLastSenderOfSeveralAtOnce() throws Exception {
        var sent = new ArrayList<CompletableFuture<Receipt>>();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                var alert = firing("one-group");
                sent.add(CompletableFuture.supplyAsync(() -> intake.receive(hook, alert), senders));
            }
            for (var receipt : sent) {
                assertThat(receipt.get(30, TimeUnit.SECONDS).outcome()).isNotEqualTo(Receipt.Outcome.UNAVAILABLE);
            }
        }

        assertThat(intake.keysTakingTurns()).isZero();
        assertThat(world.unresolved()).as("one group, one escalation").isEqualTo(1);
    }

    @Test
    void aKeyHasATurnWhileItsSenderIsInIt() throws Exception {
        var inTurn = new CountDownLatch(1);
        var goOn = new CountDownLatch(1);
        var held = new AlertIntake(
                world.config,
                InterposedKeys.beforeAssign(
                        new MongoAlertKeys(world.replica.store.database(), world.replica.store.calls()), () -> {
                            inTurn.countDown();
                            awaitQuietly(goOn);
                        }),
                world.replica.desk,
                world.replica.stores.escalations(),
                world.clock,
                new SimpleMeterRegistry(),
                "replica-c");
        var alert = firing("held-group");

        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            var receipt = CompletableFuture.supplyAsync(() -> held.receive(hook, alert), senders);
            try {
                assertThat(inTurn.await(30, TimeUnit.SECONDS))
                        .as("the sender reached its opening")
                        .isTrue();

                assertThat(held.keysTakingTurns())
                        .as("the key's turn, while its sender holds it")
                        .isEqualTo(1);
            } finally {
                // a failed assertion still lets the held sender go, rather than hold it to its own bound
                goOn.countDown();
            }
            assertThat(receipt.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Receipt.Outcome.OPENED);
        }
        assertThat(held.keysTakingTurns()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AlertEvent firing(String key) throws BadAlert {
        return AlertFormat.of(hook).read(Json.object(AlertWorld.generic(key, "firing")));
    }
}
