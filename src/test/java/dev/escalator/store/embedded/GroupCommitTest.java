package dev.escalator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentLinkedQueue;
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
