package dev.escalator.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate} whatever happened to the ones
 * before it, and its latency is measured from that intended time, not from when it was actually sent. A server that
 * stalls therefore shows its stall in every request that should have gone out meanwhile (no coordinated omission).
 */
final class OpenLoopLoad {
    /** A run's outcome: latencies in nanoseconds, and how many requests failed or answered other than 2xx. */
    record Result(int rate, Duration length, Histogram latency, long errors, long sent) {
        String row() {
            return "| %,d/s | %d s | %,d | %.1f | %.1f | %.1f | %.1f | %,d |"
                    .formatted(
                            rate,
                            length.toSeconds(),
                            sent,
                            millis(latency.getValueAtPercentile(50)),
                            millis(latency.getValueAtPercentile(99)),
                            millis(latency.getValueAtPercentile(99.9)),
                            millis(latency.getMaxValue()),
                            errors);
        }

        double p99Millis() {
            return millis(latency.getValueAtPercentile(99));
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }

    static final String HEADER = """
            | rate | length | requests | p50 ms | p99 ms | p99.9 ms | max ms | errors |
            | --- | --- | --- | --- | --- | --- | --- | --- |""";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Requests kept before those answered are let go of. */
    private static final int PRUNE_ABOVE = 10_000;

    /** The name of the client's threads, followed by a number: a benchmark reads their CPU time by name. */
    static final String THREAD_PREFIX = "load-client-";

    // named platform threads rather than a virtual thread per task, whose carriers the fake Slack's handlers shared:
    // the ack benchmark tells the load generator's CPU from the fake's by thread name. Its tasks never block, so a
    // few threads do what the virtual threads' two carriers did on 2 cores.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(
                    4, Thread.ofPlatform().name(THREAD_PREFIX, 0).daemon().factory()))
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** Sends {@code rate} requests a second for {@code length}; request {@code i} is {@code requests.apply(i)}. */
    Result run(int rate, Duration length, LongFunction<HttpRequest> requests) throws InterruptedException {
        var recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        var errors = new AtomicLong();
        var failures = new ConcurrentLinkedQueue<String>();
        long total = rate * length.toSeconds();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        // touched by this thread only; ConcurrentLinkedQueue.size() walks the whole queue, and asked once a request it
        // was most of this JVM's CPU at 600/s (issue #17's profile), taken from the app under test on a shared machine
        var inFlight = new ArrayList<CompletableFuture<?>>();
        int pruneAbove = PRUNE_ABOVE;
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = requests.apply(i);
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((response, failure) -> {
                        recorder.recordValue(Math.min(System.nanoTime() - intended, TimeUnit.SECONDS.toNanos(60)));
                        if (failure != null || response.statusCode() / 100 != 2) {
                            errors.incrementAndGet();
                            if (failures.size() < 5) {
                                failures.add(failure != null ? failure.toString() : "HTTP " + response.statusCode());
                            }
                        }
                    }));
            if (inFlight.size() > pruneAbove) {
                inFlight.removeIf(CompletableFuture::isDone);
                // pruned again only once as many more were sent: linear in all, also with a server that stalls
                pruneAbove = Math.max(PRUNE_ABOVE, 2 * inFlight.size());
            }
        }
        for (var future : inFlight) {
            try {
                future.join();
            } catch (RuntimeException ignored) {
                // counted as an error above
            }
        }
        if (!failures.isEmpty()) {
            System.out.println("  first failures: " + failures);
        }
        return new Result(rate, length, recorder.getIntervalHistogram(), errors.get(), total);
    }
}
