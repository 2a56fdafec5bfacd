package dev.escalator.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's work queues loaded from file while the bot already serves (SPEC §8: ready within 3 s with
 * 100,000 open): {@link #start} runs the load on a thread of its own and tells its caller when it is done. Until then
 * the scheduler and delivery see the escalations loaded so far and every one this process wrote; an entry this process
 * wrote meanwhile wins over the older one on file ({@link LocalWorkQueues#loadKept}). A step that comes due during the
 * load is found when it ends, so it is at most as late as the load is long, which is what a load before ready made
 * every step due at start. A failed load is tried again until it succeeds or the bot stops.
 *
 * <p>On a real MongoDB, or on an embedded store the load built before {@link Stores} returned (a store written before
 * the entries were kept), there is nothing to load and {@link #start} reports done at once.
 */
public final class WorkQueueLoad implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkQueueLoad.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Optional<LocalWorkQueues> queues;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopping;
    private boolean started;
    private Optional<Thread> thread = Optional.empty();

    private WorkQueueLoad(Optional<LocalWorkQueues> queues) {
        this.queues = queues.filter(LocalWorkQueues::loadPending);
    }

    static WorkQueueLoad of(WorkQueues workQueues) {
        return new WorkQueueLoad(workQueues instanceof LocalWorkQueues local ? Optional.of(local) : Optional.empty());
    }

    /**
     * Starts the load, claims of {@code owner} (this process) kept; {@code loaded} runs once when the work queues are
     * complete (at once when there is nothing to load). Called once.
     */
    public WorkQueueLoad start(String owner, Runnable loaded) {
        return start(owner, loaded, bucket -> {});
    }

    /** The same, {@code afterBucket} run after each bucket applied: a test holds the load there. */
    synchronized WorkQueueLoad start(String owner, Runnable loaded, LongConsumer afterBucket) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(loaded, "loaded");
        if (started) {
            throw new IllegalStateException("the work queues' load was started already");
        }
        started = true;
        if (queues.isEmpty()) {
            done.countDown();
            loaded.run();
            return this;
        }
        thread = Optional.of(Thread.ofPlatform()
                .name("load-work-queues")
                .daemon()
                .start(() -> run(queues.get(), owner, loaded, afterBucket)));
        return this;
    }

    private void run(LocalWorkQueues local, String owner, Runnable loaded, LongConsumer afterBucket) {
        while (!stopping) {
            try {
                local.loadKept(Optional.of(owner), afterBucket, () -> stopping);
                done.countDown();
                loaded.run();
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                // what was applied stays; the next try applies the file again, under the same guard
                log.warn("Loading the work queues failed; trying again in {} s", RETRY.toSeconds(), e);
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Whether the work queues are complete. */
    public boolean loaded() {
        return done.getCount() == 0;
    }

    /** Waits until the work queues are complete; false when {@code atMost} passed first. */
    public boolean awaitLoaded(Duration atMost) throws InterruptedException {
        return done.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends a load still running, before the store it reads is closed. */
    @Override
    public synchronized void close() {
        stopping = true;
        thread.filter(Thread::isAlive).ifPresent(running -> {
            running.interrupt();
            try {
                running.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
