package dev.escalator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work as truly concurrent replicas would: each on its own thread, all released by one latch, so that their
 * claims and guarded writes race instead of one finding the other's result. Waits for all of them, at most 30 s.
 */
public final class Together {
    private Together() {}

    public static void run(Runnable... replicas) {
        ExecutorService threads = Executors.newFixedThreadPool(replicas.length);
        try {
            var go = new CountDownLatch(1);
            var running = new ArrayList<Future<?>>();
            for (Runnable replica : replicas) {
                running.add(threads.submit(() -> {
                    go.await();
                    replica.run();
                    return null;
                }));
            }
            go.countDown();
            awaitAll(running);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitAll(List<Future<?>> running) {
        try {
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a replica failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the replicas did not finish", e);
        }
    }
}
