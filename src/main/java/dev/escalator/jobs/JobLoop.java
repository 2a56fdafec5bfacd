package dev.escalator.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Job} on its own named thread: again at the instant the job asks for, at the latest after {@code
 * poll} (the safety net for work another replica created), and at once when {@link #wake} is called. A failing round
 * is logged and retried after {@code poll}; it never stops the loop, nor any other job's loop.
 */
public final class JobLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobLoop.class);

    private final Job job;
    private final Clock clock;
    private final Duration poll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Thread thread;
    private boolean wakeRequested;
    private volatile boolean running = true;

    public JobLoop(Job job, Clock clock, Duration poll) {
        this.job = job;
        this.clock = clock;
        this.poll = poll;
        this.thread = Thread.ofPlatform().name("job-" + job.name()).daemon().unstarted(this::loop);
    }

    public JobLoop start() {
        thread.start();
        return this;
    }

    /** Asks for a round now: something new may be due earlier than the job knew. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            Instant next;
            try {
                Optional<Instant> wanted = job.runOnce();
                Instant latest = clock.instant().plus(poll);
                next = wanted.filter(latest::isAfter).orElse(latest);
            } catch (RuntimeException e) {
                log.warn("job {} failed, retrying in {} ms: {}", job.name(), poll.toMillis(), e.toString());
                next = clock.instant().plus(poll);
            }
            sleepUntil(next);
        }
    }

    private void sleepUntil(Instant next) {
        lock.lock();
        try {
            long nanos = Duration.between(clock.instant(), next).toNanos();
            while (running && !wakeRequested && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the round in progress, waiting for it up to a few seconds. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
