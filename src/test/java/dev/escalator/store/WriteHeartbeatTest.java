package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.http.ReadinessCheck;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness that tells the truth: the store is ready while it takes writes, not merely while it answers pings. */
class WriteHeartbeatTest {
    final TestClock clock = new TestClock(Fixtures.T0);
    final InMemoryMongo mongo = new InMemoryMongo();
    final AtomicInteger lost = new AtomicInteger();

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aStoreThatTakesWritesIsReadyAndKeepsOneHeartbeatPerReplica() {
        try (var store = mongo.connect()) {
            var heartbeat = new WriteHeartbeat(store, clock, "replica-1", lost::incrementAndGet);

            heartbeat.runOnce();
            clock.advance(WriteHeartbeat.EVERY);
            heartbeat.runOnce();

            assertThat(heartbeat.ready()).isTrue();
            var kept = store.database().getCollection("heartbeats").find().into(new java.util.ArrayList<>());
            assertThat(kept).singleElement().satisfies(doc -> {
                assertThat(doc.getString("_id")).isEqualTo("replica-1");
                assertThat(doc.getDate("at").toInstant()).isEqualTo(clock.instant());
            });
        }
    }

    @Test
    void aStoreWhoseWritesCannotBeKeptMakesReadyz503() throws Exception {
        var diskFull = new AtomicBoolean();
        var calls = new StoreCalls(() -> {
            if (diskFull.get()) {
                throw new IllegalStateException("No space left on device");
            }
        });
        try (var store = StoreConnection.connect(mongo.uri(), calls);
                var metrics = PrometheusMetrics.withJvmMetrics();
                var http = HttpService.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics)) {
            var heartbeat = new WriteHeartbeat(store, clock, "replica-1", lost::incrementAndGet);
            http.addReadinessCheck(ReadinessCheck.of("store", heartbeat::ready));
            heartbeat.runOnce();
            assertThat(readyz(http).statusCode()).isEqualTo(200);

            diskFull.set(true);
            // heartbeats failing for longer than FRESH
            for (long i = 0; i <= WriteHeartbeat.FRESH.dividedBy(WriteHeartbeat.EVERY); i++) {
                clock.advance(WriteHeartbeat.EVERY);
                heartbeat.runOnce();
            }

            assertThat(store.reachable()).as("it still answers pings").isTrue();
            var answer = readyz(http);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("store: not ready");
            assertThat(lost).as("a MongoDB server is never given up on").hasValue(0);

            diskFull.set(false);
            heartbeat.runOnce();
            assertThat(readyz(http).statusCode())
                    .as("ready again once writes are kept")
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> readyz(HttpService http) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/readyz"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
