package dev.escalator.jobs;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Platform threads for work taken over from a dead replica (its steps, its outboxes), so that it is carried out
 * ahead of this replica's own backlog. The jobs' workers are virtual threads, which share a carrier thread per core:
 * work handed to them waits in the carriers' queue behind every worker of a busy replica, at each store answer and
 * each platform call again (branch replicas4: a kill's posts taken 2.4 s after their claims were ended, by a replica
 * whose 48 workers were busy with a backlog on 2 cores). A platform thread is scheduled by the operating system beside
 * the carriers, one thread among several, not one task among dozens.
 *
 * <p>The threads are made when work comes and end after {@link #IDLE} without any: a replica that never takes work
 * over never has them. The work they run is claimed like any other (a claim, then a guarded write), so running it on
 * these threads changes when it happens, never whether it happens once.
 */
public final class TakeOverThreads {
    /** How long an idle thread is kept for the next take-over. */
    static final Duration IDLE = Duration.ofSeconds(30);

    private TakeOverThreads() {}

    /** At most {@code threads} platform threads named {@code name} and a number; more work waits for one of them. */
    public static ExecutorService named(String name, int threads) {
        var pool = new ThreadPoolExecutor(
                threads,
                threads,
                IDLE.toMillis(),
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name(name, 0).daemon().factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
