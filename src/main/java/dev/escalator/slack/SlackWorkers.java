package dev.escalator.slack;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Slack adapter does its work once Slack has its answer: store writes and Web API calls run here, never on
 * the request or socket thread, so every request is answered within Slack's 3 s. Virtual threads, as the work is all
 * blocking I/O; closing waits briefly for work in flight.
 */
final class SlackWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackWorkers.class);
    static final Duration GRACE = Duration.ofSeconds(5);

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("slack-", 0).factory());

    private final AtomicInteger inFlight = new AtomicInteger();

    <T> CompletableFuture<T> submit(Supplier<T> work) {
        inFlight.incrementAndGet();
        return CompletableFuture.supplyAsync(work, executor)
                .whenComplete((result, failure) -> inFlight.decrementAndGet());
    }

    /** Runs {@code work} later; a failure is logged under {@code what}, as nobody waits for it. */
    void run(String what, Runnable work) {
        inFlight.incrementAndGet();
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("slack: {} failed", what, e);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** Nothing handed over is still running: what tests wait for instead of sleeping. */
    boolean idle() {
        return inFlight.get() == 0;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("slack: work still running after {} s; stopping it", GRACE.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
