package dev.escalator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ack benchmark's load generator: with a bound, no more requests are in flight at once than it says, every request
 * is still sent and answered, and the time a request waited in the generator counts in its latency.
 */
class OpenLoopLoadTest {
    static final Duration ANSWER_TIME = Duration.ofMillis(50);

    HttpServer server;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void slowServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // the server's own answer time, which the generator's bound turns into waiting on its side
                Thread.sleep(ANSWER_TIME);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void boundedLoadKeepsAtMostItsBoundInFlightAndCountsTheWaitInLatency() throws Exception {
        var load = new OpenLoopLoad(4);

        var result = load.run(200, Duration.ofSeconds(1), i -> request());

        assertThat(mostInFlight.get()).isBetween(1, 4);
        assertThat(result.errors()).isZero();
        assertThat(answered.get()).isEqualTo(200);
        assertThat(result.latency().getTotalCount()).isEqualTo(200);
        // 200 due within 1 s, 4 at a time at 50 ms each: the last ones wait about 1.5 s beyond their intended time
        assertThat(result.latency().getMaxValue()).isGreaterThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void unboundedLoadSendsWhatIsDueWhateverIsInFlight() throws Exception {
        var load = new OpenLoopLoad();

        var result = load.run(200, Duration.ofSeconds(1), i -> request());

        assertThat(mostInFlight.get()).isGreaterThan(4);
        assertThat(result.errors()).isZero();
        assertThat(answered.get()).isEqualTo(200);
    }

    HttpRequest request() {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
