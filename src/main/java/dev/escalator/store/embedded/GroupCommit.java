package dev.escalator.store.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the embedded store's file for many writers at once. Every write must be in the file, synced to the disk,
 * before anyone is told it happened (SPEC §8: a confirmed action survives kill -9, and a power loss), but a commit
 * costs a few milliseconds (it serializes the changed pages, and the sync waits for the disk) where the write itself
 * costs a fraction of one: with a commit per write, commits were the bottleneck of a burst of due steps. A writer calls {@link #await} after its write returned; any commit that starts after that
 * includes the write, so writers waiting at the same time share one commit.
 *
 * <p>The commit itself runs on a thread of its own, never on a writer's: the file is a {@link
 * java.nio.channels.FileChannel}, which closes for good when a thread using it is interrupted, and writers are
 * interrupted (an HTTP request abandoned at shutdown). An interrupted writer must not take the store down with it.
 */
final class GroupCommit implements AutoCloseable {
    private final Runnable commit;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "embedded-store-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private long requested;
    private long committed;
    private boolean running;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Returns once a commit that started after this call has finished; throws what that commit threw, if it failed. */
    void await() {
        lock.lock();
        try {
            long ticket = ++requested;
            while (committed < ticket) {
                if (running) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                runCommitFor(requested);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs one commit, without the lock, covering every write whose writer has asked by now. */
    private void runCommitFor(long covered) {
        running = true;
        boolean done = false;
        lock.unlock();
        try {
            // join() waits through interrupts: the writer's interrupt flag stays set for its caller to see
            CompletableFuture.runAsync(commit, committer).join();
            done = true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            lock.lock();
            running = false;
            if (done) {
                committed = Math.max(committed, covered);
            }
            finished.signalAll();
        }
    }

    /** Lets the committer thread end once the commit it runs, if any, is over. */
    @Override
    public void close() {
        committer.shutdown();
    }
}
