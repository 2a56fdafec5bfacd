package dev.escalator.store.embedded;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the embedded store's file for many writers at once. Every write must be in the file, synced to the disk,
 * before anyone is told it happened (SPEC §8: a confirmed action survives kill -9, and a power loss), but a commit
 * costs a few milliseconds (it serializes the changed pages, and the sync waits for the disk) where the write itself
 * costs a fraction of one: with a commit per write, commits were the bottleneck of a burst of due steps. A writer calls {@link #await} after its write returned; any commit that starts after that
 * includes the write, so writers waiting at the same time share one commit.
 */
final class GroupCommit {
    private final Runnable commit;
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
            commit.run();
            done = true;
        } finally {
            lock.lock();
            running = false;
            if (done) {
                committed = Math.max(committed, covered);
            }
            finished.signalAll();
        }
    }
}
