package dev.escalator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.store.StoreConnection;
import dev.escalator.store.WriteHeartbeat;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.TestClock;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file failing (a full disk: MVStore closes itself on a write error) is not something it recovers
 * from in-process: the store is not ready, and the bot is told, once, to stop so that a restart reopens the file.
 */
class FailedFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatFailedMakesTheStoreNotReadyAndAsksOnceForARestart() {
        var clock = new TestClock(Fixtures.T0);
        var lost = new AtomicInteger();
        var embedded = EmbeddedMongo.start(dir);
        try (var store = StoreConnection.over(embedded)) {
            var heartbeat = new WriteHeartbeat(store, clock, "replica-1", lost::incrementAndGet);
            heartbeat.runOnce();
            assertThat(heartbeat.ready()).isTrue();

            embedded.mvStore().closeImmediately(); // what MVStore does itself when a write to its file fails
            for (int i = 0; i < 8; i++) { // longer than the 6 s a heartbeat keeps the store ready
                clock.advance(heartbeat.every());
                heartbeat.runOnce();
            }

            assertThat(store.lost()).isTrue();
            assertThat(heartbeat.ready()).isFalse();
            assertThat(lost).as("told once").hasValue(1);
        }
    }

    @Test
    void aStoreClosedOnPurposeIsNotTakenForAFailedOne() {
        var embedded = EmbeddedMongo.start(dir);
        var store = StoreConnection.over(embedded);

        store.close();

        assertThat(store.lost()).isFalse();
    }
}
