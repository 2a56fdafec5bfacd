package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Integration;
import dev.escalator.core.EscalationId;
import dev.escalator.core.StoreUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of alerts beyond what the store takes does not queue without bound: {@link AlertIntake#AT_ONCE} alerts are
 * carried out at once, and one more is answered "retry" (a 503 with Retry-After) after a short wait, while the others
 * are still with the store, rather than holding a store connection the people acknowledging escalations need.
 */
class AlertFloodTest {
    private AlertWorld world;
    private final CountDownLatch storeAnswers = new CountDownLatch(1);
    private final AtomicInteger withTheStore = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        world = new AlertWorld();
    }

    @AfterEach
    void stop() throws Exception {
        storeAnswers.countDown();
        world.close();
    }

    @Test
    void pastTheAlertsCarriedOutAtOnceTheNextIsAnsweredRetryWhileTheOthersWaitForTheStore() throws Exception {
        var registry = new SimpleMeterRegistry();
        var intake = new AlertIntake(
                world.config,
                new SlowStore(),
                world.replica.desk,
                world.replica.stores.escalations(),
                world.clock,
                registry,
                "flooded");
        Integration hook = world.config.integrations().stream()
                .filter(integration -> integration.name().equals("hook"))
                .findFirst()
                .orElseThrow();

        var carriedOut = new ArrayList<CompletableFuture<Receipt>>();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < AlertIntake.AT_ONCE; i++) {
                var alert = alert("group-" + i);
                carriedOut.add(CompletableFuture.supplyAsync(() -> intake.receive(hook, alert), senders));
            }
            dev.escalator.testing.Eventually.holds(
                    "every turn taken by an alert waiting for the store",
                    () -> withTheStore.get() == AlertIntake.AT_ONCE);

            Receipt oneMore = intake.receive(hook, alert("one-more"));

            assertThat(oneMore.outcome()).isEqualTo(Receipt.Outcome.UNAVAILABLE);
            assertThat(carriedOut).as("still with the store").noneMatch(CompletableFuture::isDone);
            assertThat(arrived.get()).as("the one more never reached the store").isEqualTo(AlertIntake.AT_ONCE);

            storeAnswers.countDown();
            for (var receipt : carriedOut) {
                assertThat(receipt.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Receipt.Outcome.UNAVAILABLE);
            }
        }
        assertThat(registry.get("escalator.alerts.received")
                        .tag("integration", "hook")
                        .tag("outcome", "unavailable")
                        .counter()
                        .count())
                .as("the one more is counted as answered retry, like the ones the store failed")
                .isEqualTo(AlertIntake.AT_ONCE + 1);
        intake.receive(hook, alert("after the flood"));
        assertThat(arrived.get()).as("turns are given back").isEqualTo(AlertIntake.AT_ONCE + 1);
    }

    private static AlertEvent alert(String key) {
        return new AlertEvent(
                key,
                false,
                AlertEvent.Signal.FIRING,
                "Problem " + key,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                List.of(),
                List.of());
    }

    private static StoreUnavailableException unreachable() {
        return new StoreUnavailableException("unreachable", new java.io.IOException("the test's store"));
    }

    /** A store that takes every alert's first call and answers, "unreachable", only when the test lets it. */
    private final class SlowStore implements AlertKeys {
        @Override
        public Optional<Group> find(String integration, String key) {
            arrived.incrementAndGet();
            withTheStore.incrementAndGet();
            try {
                storeAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            withTheStore.decrementAndGet();
            throw unreachable();
        }

        @Override
        public boolean claim(String integration, String key, String claimant, Instant now) {
            throw unreachable();
        }

        @Override
        public boolean takeOver(String integration, String key, String from, String claimant, Instant now) {
            throw unreachable();
        }

        @Override
        public boolean assign(String integration, String key, String claimant, EscalationId escalation, boolean storm) {
            throw unreachable();
        }

        @Override
        public void remember(String integration, String key, Collection<String> alerts) {
            throw unreachable();
        }

        @Override
        public void release(String integration, String key, EscalationId escalation) {
            throw unreachable();
        }

        @Override
        public long countNewGroup(String integration, long minute) {
            throw unreachable();
        }
    }
}
