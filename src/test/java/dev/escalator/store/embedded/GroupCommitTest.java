package dev.escalator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalator.testing.Eventually;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    final AtomicLong writes = new AtomicLong();
    final AtomicLong inFile = new AtomicLong();
    final AtomicInteger commits = new AtomicInteger();

    @Test
    void everyWriterReturnsOnlyOnceItsWriteIsInTheFileAndConcurrentWritersShareCommits() throws Exception {
        var group = new GroupCommit(() -> {
            commits.incrementAndGet();
            long upTo = writes.get(); // a commit saves what was written before it started
            Thread.onSpinWait();
            inFile.accumulateAndGet(upTo, Math::max);
        });
        var unsaved = new ConcurrentLinkedQueue<Long>();
        int writers = 2_000;

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                pool.submit(() -> {
                    long mine = writes.incrementAndGet();
                    group.await();
                    if (inFile.get() < mine) {
                        unsaved.add(mine);
                    }
                });
            }
        }

        assertThat(unsaved).isEmpty();
        assertThat(commits.get()).isBetween(1, writers);
    }

    @Test
    void writersWhoArriveDuringACommitShareTheNextOneCommit() throws Exception {
        var firstCommitMayEnd = new CountDownLatch(1);
        var group = new GroupCommit(() -> {
            if (commits.incrementAndGet() == 1) {
                awaitQuietly(firstCommitMayEnd);
            }
        });
        var first = new Thread(group::await, "writer-0");
        first.start();
        Eventually.holds("the first commit running", () -> commits.get() == 1);
        List<Thread> arriving = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            var writer = new Thread(group::await, "writer-" + i);
            writer.start();
            arriving.add(writer);
        }
        Eventually.holds(
                "ten writers waiting for a commit",
                () -> arriving.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

        firstCommitMayEnd.countDown();
        first.join(10_000);
        for (Thread writer : arriving) {
            writer.join(10_000);
        }

        assertThat(arriving).noneMatch(Thread::isAlive);
        assertThat(commits.get())
                .as("the first writer's commit, then one for the ten who came while it ran")
                .isEqualTo(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFailedCommitFailsItsWriterAndTheNextWriterCommitsAgain() {
        var group = new GroupCommit(() -> {
            if (commits.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(group::await).hasMessage("disk full");
        group.await();

        assertThat(commits.get()).isEqualTo(2);
    }
}
