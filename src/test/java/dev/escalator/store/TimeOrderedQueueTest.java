package dev.escalator.store;

import static dev.escalator.store.TimeOrderedQueue.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.store.TimeOrderedQueue.Slot;
import org.junit.jupiter.api.Test;

class TimeOrderedQueueTest {
    final TimeOrderedQueue queue = new TimeOrderedQueue();

    @Test
    void escalationsComeEarliestFirstUpToTheHorizonAndTheLimit() {
        queue.put(1, 300, NONE);
        queue.put(2, 100, NONE);
        queue.put(3, 200, NONE);
        queue.put(4, 100, NONE);

        assertThat(queue.readyBy(200, 0, 10)).containsExactly(new Slot(100, 2), new Slot(100, 4), new Slot(200, 3));
        assertThat(queue.readyBy(1_000, 0, 2)).containsExactly(new Slot(100, 2), new Slot(100, 4));
        assertThat(queue.readyBy(99, 0, 10)).isEmpty();
    }

    @Test
    void aMovedEscalationIsOnlyAtItsNewTimeAndAnUnreadyOneIsGone() {
        queue.put(1, 100, NONE);
        queue.put(2, 100, NONE);

        queue.put(1, 500, NONE);
        queue.put(2, NONE, NONE);

        assertThat(queue.readyBy(1_000, 0, 10)).containsExactly(new Slot(500, 1));
        assertThat(queue.size()).isOne();
    }

    @Test
    void aClaimHidesAnEscalationUntilItEnds() {
        queue.put(1, 100, 400);

        assertThat(queue.readyBy(1_000, 399, 10)).isEmpty();
        assertThat(queue.readyBy(1_000, 400, 10)).containsExactly(new Slot(100, 1));

        queue.put(1, 100, NONE);
        assertThat(queue.readyBy(1_000, 0, 10)).containsExactly(new Slot(100, 1));
    }
}
