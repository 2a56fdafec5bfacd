package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import dev.escalator.testing.Together;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counting new alert groups in a minute and allocating escalation ids both start with an upsert that two requests can
 * race on. The loser hears "duplicate key" as a command error ({@code findAndModify}), not as a write error; it is
 * contention, so it counts again rather than failing the alert with "store unavailable". Seen failing before the fix:
 * 32 alerts arriving together at the start of a minute, five minutes in turn: some were answered 503.
 */
class MongoAlertKeysTest {
    final InMemoryMongo server = new InMemoryMongo();
    final StoreConnection connection = StoreConnection.connect(server.uri());

    @AfterEach
    void close() {
        connection.close();
        server.close();
    }

    @Test
    void requestsArrivingTogetherAtTheStartOfAMinuteEachCountOnce() throws Exception {
        var keys = new MongoAlertKeys(connection.database(), connection.calls());
        keys.countNewGroup("grafana", 100); // the integration's document exists, from an earlier minute

        for (long minute = 101; minute <= 105; minute++) {
            long thisMinute = minute;
            var counts = together(32, () -> keys.countNewGroup("grafana", thisMinute));

            assertThat(counts).as("minute %d", minute).containsExactlyInAnyOrderElementsOf(oneTo(32));
        }
    }

    @Test
    void theFirstEscalationIdsAllocatedTogetherAreEachGivenOnce() throws Exception {
        var store = Stores.over(connection, new TestClock(Fixtures.T0)).escalations();

        var ids = together(32, () -> store.nextId().number());

        assertThat(ids).containsExactlyInAnyOrderElementsOf(oneTo(32));
    }

    private static Queue<Long> together(int requests, LongSupplier request) {
        Queue<Long> results = new ConcurrentLinkedQueue<>();
        Together.run(IntStream.range(0, requests)
                .<Runnable>mapToObj(i -> () -> results.add(request.getAsLong()))
                .toArray(Runnable[]::new));
        return results;
    }

    private static List<Long> oneTo(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList();
    }
}
